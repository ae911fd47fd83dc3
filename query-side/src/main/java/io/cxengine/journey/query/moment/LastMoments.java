package io.cxengine.journey.query.moment;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The last moments a view shows of a customer (the briefing while the customer is on the line, the lost-account view
 * just before the loss): the latest three by when they happened, whatever order they were recorded in.
 */
public final class LastMoments {

    /** How many moments are kept. */
    public static final int KEPT = 3;

    private LastMoments() {
    }

    /** Adds the moment to the kept ones, oldest first, and drops what falls out of the last {@link #KEPT}. */
    public static <T> void add(List<T> kept, T moment, Function<T, Instant> occurredAt) {
        kept.add(moment);
        kept.sort(Comparator.comparing(occurredAt));
        while (kept.size() > KEPT) {
            kept.remove(0);
        }
    }
}
