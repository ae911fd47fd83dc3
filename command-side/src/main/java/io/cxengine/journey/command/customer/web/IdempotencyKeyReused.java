package io.cxengine.journey.command.customer.web;

/** An {@code Idempotency-Key} came back with another request than the one it was first used for. */
class IdempotencyKeyReused extends RuntimeException {

    IdempotencyKeyReused(String key) {
        super("Idempotency-Key '%s' was used for another request; use a new key for a new request".formatted(key));
    }
}
