package io.cxengine.journey.platform.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many requests of its client's allowance an operation spends: heavier reads (an export, a verification, a
 * reconstruction of state, a diff) cost more than one. Operations without it cost 1.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cost {

    /** What one call costs. */
    int value();

    /** A boolean request parameter that makes the call heavier when {@code true} (e.g. {@code diff}). */
    String heavierWith() default "";

    /** What the call costs when {@link #heavierWith()} is {@code true}. */
    int heavierCost() default 0;
}
