package io.cxengine.journey.query.moment;

import java.time.Instant;
import java.util.ArrayList;
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

    /** The kept moments with this one added, oldest first, without what falls out of the last {@link #KEPT}. */
    public static <T> List<T> with(List<T> kept, T moment, Function<T, Instant> occurredAt) {
        List<T> moments = new ArrayList<>(kept);
        moments.add(moment);
        moments.sort(Comparator.comparing(occurredAt));
        return List.copyOf(moments.subList(Math.max(0, moments.size() - KEPT), moments.size()));
    }
}
