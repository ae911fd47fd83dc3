package io.cxengine.journey.query.http;

import java.util.UUID;

/** No what-if run by that id on this node. */
public class UnknownWhatIf extends RuntimeException {

    public UnknownWhatIf(UUID id) {
        super("No what-if run " + id + " on this node (runs are kept in the memory of the node that took them, the "
                + "latest " + 50 + ", until it restarts)");
    }
}
