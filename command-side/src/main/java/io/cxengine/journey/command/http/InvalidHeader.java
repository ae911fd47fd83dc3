package io.cxengine.journey.command.http;

/** A header the API understands has a value it cannot use. */
class InvalidHeader extends RuntimeException {

    private final String header;

    InvalidHeader(String header, String message) {
        super(message);
        this.header = header;
    }

    String header() {
        return header;
    }
}
