package io.cxengine.journey.query.whatif;

import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.platform.DaemonThreads;
import io.cxengine.journey.query.analytics.AnalyticsSettings;
import io.cxengine.journey.query.http.WhatIfBusy;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The what-if runs of this node: each replays the store from its first event up to the head at the time it was asked
 * into its own {@link ClockReplay}, one run at a time (another is refused meanwhile), and keeps its progress and
 * answer in memory; the latest {@value #KEPT} finished runs are kept. No view, table or token is written.
 */
@Component
class WhatIfRuns {

    static final int KEPT = 50;
    /** How long a run may wait for the store's next event before it fails. */
    static final Duration LONGEST = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(WhatIfRuns.class);

    private final EventStore events;
    private final Clock clock;
    private final int minGroup;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(DaemonThreads.named("what-if"));
    /** The runs, oldest first; only finished ones are let go, once more than {@value #KEPT} are kept. */
    private final Map<UUID, Run> runs = new LinkedHashMap<>();

    WhatIfRuns(EventStore events, Clock clock, AnalyticsSettings analytics) {
        this.events = events;
        this.clock = clock;
        this.minGroup = analytics.minGroupSize();
    }

    /** A run as it stands: waiting, replaying (with the events read of those to read), done or failed. */
    static final class Run {
        final UUID id = UUID.randomUUID();
        final Instant from;
        final Instant to;
        final Map<ServiceStandard, Duration> proposed;
        final String askedBy;
        final Instant askedAt;
        final AtomicLong read = new AtomicLong();
        /** Facts of a type the replay counts that could not be read (a poison event the projections parked too). */
        final AtomicLong unreadable = new AtomicLong();
        volatile long of;
        volatile String state = "WAITING";
        volatile Instant finishedAt;
        volatile List<ClockReplay.Rescored> answer;
        volatile String failure;

        Run(Instant from, Instant to, Map<ServiceStandard, Duration> proposed, String askedBy, Instant askedAt) {
            this.from = from;
            this.to = to;
            this.proposed = Map.copyOf(proposed);
            this.askedBy = askedBy;
            this.askedAt = askedAt;
        }
    }

    /**
     * Starts a run, unless one is already waiting or replaying on this node: a replay reads the whole store, and one
     * at a time is what a node gives to questions.
     */
    Run start(Instant from, Instant to, Map<ServiceStandard, Duration> proposed, String askedBy) {
        Run run = new Run(from, to, proposed, askedBy, clock.instant());
        synchronized (runs) {
            Optional<Run> busy = runs.values().stream().filter(other -> other.finishedAt == null).findFirst();
            if (busy.isPresent()) {
                throw new WhatIfBusy(busy.get().id);
            }
            runs.put(run.id, run);
            // Oldest first: only one run is ever unfinished, so the first finished ones go.
            for (var kept = runs.values().iterator(); runs.size() > KEPT && kept.hasNext(); ) {
                if (kept.next().finishedAt != null) {
                    kept.remove();
                }
            }
        }
        runner.execute(() -> replay(run));
        return run;
    }

    Optional<Run> find(UUID id) {
        synchronized (runs) {
            return Optional.ofNullable(runs.get(id));
        }
    }

    private void replay(Run run) {
        run.state = "REPLAYING";
        try {
            TrackingToken head = events.createHeadToken();
            run.of = head == null ? 0 : head.position().orElse(0);
            ClockReplay replay = new ClockReplay(run.from, run.to, run.proposed);
            Instant giveUp = clock.instant().plus(LONGEST);
            try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
                long position = 0;
                while (position < run.of) {
                    if (!stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        if (clock.instant().isAfter(giveUp)) {
                            throw new IllegalStateException("the store gave no event for " + LONGEST
                                    + " before position " + run.of);
                        }
                        continue;
                    }
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    position = event.trackingToken().position().orElse(position);
                    if (position > run.of) {
                        break;
                    }
                    run.read.incrementAndGet();
                    if (ClockReplay.reads(event.getPayloadType())) {
                        try {
                            replay.apply((CustomerEvent) event.getPayload());
                        } catch (SerializationException unreadable) {
                            // As a projection parks it: the answer says how many such facts it could not count.
                            run.unreadable.incrementAndGet();
                            log.warn("What-if run {} could not read event {} at {}", run.id, event.getIdentifier(),
                                    position, unreadable);
                        }
                    }
                }
            }
            run.answer = replay.result(clock.instant(), minGroup);
            run.state = "DONE";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.failure = "interrupted";
            run.state = "FAILED";
        } catch (RuntimeException e) {
            log.error("What-if run {} failed", run.id, e);
            run.failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            run.state = "FAILED";
        } finally {
            run.finishedAt = clock.instant();
        }
    }
}
