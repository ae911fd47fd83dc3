package io.cxengine.journey.query.http;

/** No projection (processing group) by that name. */
public class UnknownProjection extends RuntimeException {

    public UnknownProjection(String name) {
        super("No projection named '%s'".formatted(name));
    }

    /** A processing group by that name that is no projection (an events-out delivery). */
    public UnknownProjection(String name, String why) {
        super("'%s' is no projection: it %s".formatted(name, why));
    }
}
