package io.cxengine.journey.query.http;

/** The caller's token may call the endpoint, but not ask for this (a subscription to data it may not read). */
public class InsufficientScope extends RuntimeException {

    public InsufficientScope(String detail) {
        super(detail);
    }
}
