package io.cxengine.journey.platform.eventstore;

/**
 * An event-writing transaction ran past {@code journey.event-store.write-timeout} and was rolled back (by the engine
 * before it inserted its events, or by PostgreSQL's {@code transaction_timeout} before it committed): nothing was
 * recorded, and a retry with the same {@code Idempotency-Key} is safe. Answered 503.
 */
public class EventWriteTimedOut extends RuntimeException {

    public static final String PROBLEM_TYPE = "write-timed-out";

    public EventWriteTimedOut(String message, Throwable cause) {
        super(message, cause);
    }
}
