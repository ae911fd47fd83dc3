package io.cxengine.journey.query.http;

import java.util.UUID;

/** A what-if run is already replaying on this node; one at a time. */
public class WhatIfBusy extends RuntimeException {

    private final UUID running;

    public WhatIfBusy(UUID running) {
        super("What-if run " + running + " is replaying on this node; ask again when it is done");
        this.running = running;
    }

    public UUID running() {
        return running;
    }
}
