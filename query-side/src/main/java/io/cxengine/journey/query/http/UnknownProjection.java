package io.cxengine.journey.query.http;

/** No projection (processing group) by that name. */
public class UnknownProjection extends RuntimeException {

    public UnknownProjection(String name) {
        super("No projection named '%s'".formatted(name));
    }
}
