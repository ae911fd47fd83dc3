package io.cxengine.journey.platform.accesslog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read of identified customer data: every answer of the operation, refusals included, leaves one entry in the
 * access log, and an answer carrying data leaves the engine only after its entry is committed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AccessLogged {

    /** The path variable (else request parameter) naming the customer read; empty where none is named (a caller lookup). */
    String customer() default "";

    /** An agent's read, logged only while {@code journey.access-log.agent-reads} is on; auditors' reads always are. */
    boolean agentRead() default false;
}
