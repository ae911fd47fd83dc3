package io.cxengine.journey.query.operations;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a rebuild of projections stands.
 *
 * @param projections     the projections it rebuilds, in one pass over the store
 * @param state           READING (the store into copies of their tables), SWAPPING (the copies in, the projections
 *                        stopped for it), FINISHED, or FAILED (the live tables untouched)
 * @param position        the global position of the last event read
 * @param target          the newest event's position when the rebuild began
 * @param percentage      how far it is through the events that existed when it began, 0-100
 * @param eventsPerSecond events read and handed to every projection per second, over the last seconds
 * @param eta             how long until it reaches the target at that rate, while reading
 * @param events          events read so far
 * @param parked          events a projection could not take, per projection: parked in its dead-letter queue by the
 *                        swap, as the live projection would have
 * @param failure         why it failed
 */
public record RebuildStatus(List<String> projections, State state, Instant startedAt, Instant finishedAt,
                            long position, long target, BigDecimal percentage, double eventsPerSecond, Duration eta,
                            long events, Map<String, Integer> parked, String failure) {

    public enum State { READING, SWAPPING, FINISHED, FAILED }

    public boolean running() {
        return state == State.READING || state == State.SWAPPING;
    }
}
