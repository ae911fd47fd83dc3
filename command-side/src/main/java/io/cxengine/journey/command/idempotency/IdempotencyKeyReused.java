package io.cxengine.journey.command.idempotency;

/** An {@code Idempotency-Key} came back with another request than the one it was first used for. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused(String key) {
        super("Idempotency-Key '%s' was used for another request; use a new key for a new request".formatted(key));
    }
}
