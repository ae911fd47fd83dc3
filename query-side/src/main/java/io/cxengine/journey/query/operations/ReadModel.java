package io.cxengine.journey.query.operations;

import java.util.List;

/**
 * A projection's tables: a rebuild fills empty copies of them from the event store while they keep answering, then
 * swaps the copies in ({@link ProjectionRebuild}). Implemented by every projection, whose SQL names its tables
 * without a schema.
 */
public interface ReadModel {

    /** The tables the projection keeps, in the read-model schema. */
    List<String> tables();
}
