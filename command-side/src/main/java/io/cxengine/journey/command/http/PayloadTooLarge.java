package io.cxengine.journey.command.http;

/** The request body is larger than the API accepts. */
class PayloadTooLarge extends RuntimeException {

    PayloadTooLarge(long size, long limit) {
        super("The request body has %d bytes; at most %d are accepted".formatted(size, limit));
    }
}
