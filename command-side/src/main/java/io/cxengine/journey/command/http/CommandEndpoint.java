package io.cxengine.journey.command.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the command side: its operations pass the {@link WriteGuard} (body size, {@code Accept}, the
 * form of an {@code Idempotency-Key} and the request's fingerprint) before any command runs. Every command-side
 * controller carries it (the architecture test checks it); no query-side controller does.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CommandEndpoint {
}
