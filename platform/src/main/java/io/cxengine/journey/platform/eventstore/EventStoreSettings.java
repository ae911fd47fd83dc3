package io.cxengine.journey.platform.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long an event-writing transaction may take, and how long the projections wait for a gap in the event stream
 * ({@code journey.event-store.*}). A global index is taken when a write inserts its events and becomes visible when
 * it commits; until then the projections that already read past it keep it as a gap and look for it again, but only
 * for {@code gap-timeout} (Axon's {@code gapTimeout}, measured on the event timestamps) and within
 * {@code max-gap-offset} positions. A write that commits later is never seen by them. So every event-writing
 * transaction is bounded by {@code write-timeout}: PostgreSQL ends one that runs longer ({@code transaction_timeout},
 * from the insert of its events), and events older than that are not inserted at all; and the engine refuses to start
 * unless {@code gap-timeout >= 2 x write-timeout + clock-skew} (see docs/reliability.md, "Gaps in the event stream").
 *
 * @param writeTimeout  the longest an event-writing transaction may take from its events' creation to its commit;
 *                      {@code 0} switches the bound off (then a write held open past the gap timeout is lost to the
 *                      projections)
 * @param gapTimeout    how long the projections keep looking for a global index that was taken but is not yet visible
 * @param maxGapOffset  how many positions below the newest one a gap is still looked for; must exceed the events the
 *                      store takes in twice the write timeout
 * @param clockSkew     how far apart the clocks of the engine processes that share the store may be
 * @param cachedEvents  the newest events kept in memory for the projections that follow the head of the stream (Axon's
 *                      {@code cachedEvents}); each carries its projection token, with every gap still looked for, so
 *                      the heap they take grows with this number times the gaps
 */
@ConfigurationProperties("journey.event-store")
public record EventStoreSettings(@DefaultValue("10s") Duration writeTimeout,
                                 @DefaultValue("60s") Duration gapTimeout,
                                 @DefaultValue("100000") int maxGapOffset,
                                 @DefaultValue("1s") Duration clockSkew,
                                 @DefaultValue("1000") int cachedEvents) {

    /** Refuses settings under which a committed write could be skipped by a projection. */
    public EventStoreSettings {
        if (writeTimeout.isNegative() || gapTimeout.isNegative() || gapTimeout.isZero() || clockSkew.isNegative()
                || maxGapOffset < 1 || cachedEvents < 1) {
            throw new IllegalArgumentException("journey.event-store: timeouts must not be negative, the gap timeout, "
                    + "max-gap-offset and cached-events must be positive");
        }
        if (gapTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("journey.event-store.gap-timeout is too long: " + gapTimeout);
        }
        Duration safe = writeTimeout.multipliedBy(2).plus(clockSkew);
        if (bounded(writeTimeout) && gapTimeout.compareTo(safe) < 0) {
            throw new IllegalArgumentException("""
                    journey.event-store.gap-timeout (%s) must be at least twice journey.event-store.write-timeout plus \
                    journey.event-store.clock-skew (%s): a write may commit up to one write timeout after it took its \
                    position, and the event after it may be up to one write timeout older than its own position; with \
                    a shorter gap timeout the projections can give up on a write that still commits, and never show \
                    it (docs/reliability.md, "Gaps in the event stream")""".formatted(gapTimeout, safe));
        }
    }

    /** Whether event-writing transactions are bounded at all. */
    public boolean bounded() {
        return bounded(writeTimeout);
    }

    private static boolean bounded(Duration writeTimeout) {
        return !writeTimeout.isZero();
    }
}
