package io.cxengine.journey.query.http;

/** A read's parameter cannot be used. */
public class InvalidReadRequest extends RuntimeException {

    private final String parameter;

    public InvalidReadRequest(String parameter, String message) {
        super(parameter + " " + message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
