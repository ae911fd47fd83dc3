package io.cxengine.journey.query.http;

import java.util.UUID;

/** No webhook subscription by that id. */
public class UnknownWebhook extends RuntimeException {

    public UnknownWebhook(UUID id) {
        super("No webhook subscription " + id);
    }
}
