package io.cxengine.journey.query.operations;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Where one projection stands.
 *
 * @param position        the global position every segment has passed (the slowest segment's)
 * @param head            the position of the newest event in the store
 * @param percentage      how far the projection is through the store, 0-100 (during a rebuild: through the events
 *                        that existed when the rebuild began)
 * @param eventsPerSecond events handled per second, over the last seconds
 * @param eta             how long until it catches up at that rate, if it is behind
 * @param deadLetters     events parked in its dead-letter queue
 */
public record ProjectionStatus(String name, boolean running, boolean replaying, long position, long head, long lag,
                               BigDecimal percentage, double eventsPerSecond, Duration eta, long deadLetters,
                               Instant rebuildStartedAt) {
}
