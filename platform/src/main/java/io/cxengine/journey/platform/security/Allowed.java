package io.cxengine.journey.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes that may call an operation (any one of them suffices). An operation of the engine without it is refused
 * to every caller: access is denied by default. The OpenAPI document names the same scopes for each operation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {

    Scope[] value();
}
