package io.cxengine.journey.command.idempotency;

/** Another request with the same {@code Idempotency-Key} is still being handled. */
public class IdempotencyKeyInFlight extends RuntimeException {

    public IdempotencyKeyInFlight(String key) {
        super("A request with Idempotency-Key '%s' is still in flight; retry when it has finished".formatted(key));
    }
}
