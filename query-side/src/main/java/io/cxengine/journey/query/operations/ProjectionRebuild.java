package io.cxengine.journey.query.operations;

import io.cxengine.journey.platform.DaemonThreads;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import io.cxengine.journey.platform.projection.SavepointPerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One rebuild of one or more projections: reads the event store once, from the first event, hands each event (read
 * and deserialized once) to every projection being rebuilt, and has them write, each on a thread of its own and a
 * batch of events per transaction, into empty copies of their tables ({@code read_model_shadow}) while the live tables keep answering and the live
 * projections keep following the store. Once it has read what the store held when it began, it stops the live
 * projections, reads what came since, and in one transaction swaps the copies in, sets each projection's token to
 * the last event it read and replaces its dead letters by those of the rebuild; then starts them again, to go on from
 * there. A rebuild that fails before the swap leaves the live tables, tokens and dead letters as they were.
 * <p>
 * An event a projection cannot take is parked as the live projection would park it: that customer's later events
 * wait behind it for that projection, the other projections and customers go on, and the swap hands the parked
 * events to the projection's dead-letter queue (retried from there as usual).
 */
final class ProjectionRebuild implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    /** Every event read before the projections stop counts as a replay for them: no live updates from copies. */
    private static final TrackingToken REPLAY_UNTIL = GapAwareTrackingToken.newInstance(Long.MAX_VALUE,
            Collections.emptySet());

    /** A projection being rebuilt: its tables, its handlers, how it sequences (for parking), its live processor. */
    record Target(String name, List<String> tables, List<EventMessageHandler> handlers,
                  SequencingPolicy<? super EventMessage<?>> sequencing, StreamingEventProcessor processor) {
    }

    private final List<Target> targets;
    private final EventStore events;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SavepointPerEvent savepoints;
    private final RebuildSettings settings;
    private final Clock clock;
    private final Instant startedAt;
    private final Map<String, Map<Object, List<GenericDeadLetter<EventMessage<?>>>>> parked = new LinkedHashMap<>();

    private volatile RebuildStatus.State state = RebuildStatus.State.READING;
    private volatile long position;
    private volatile long target;
    private volatile long read;
    private volatile double rate;
    private volatile Instant finishedAt;
    private volatile String failure;
    private Instant rateSince;
    private long rateFrom;
    private Instant lastLogged;
    private final Map<String, ExecutorService> workers = new LinkedHashMap<>();
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private volatile boolean aborted;

    ProjectionRebuild(List<Target> targets, EventStore events, EventProcessingConfiguration processing,
                      TokenStore tokenStore, JdbcClient jdbc, TransactionTemplate transactions, SavepointPerEvent savepoints,
                      RebuildSettings settings, Clock clock) {
        this.targets = List.copyOf(targets);
        this.events = events;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.savepoints = savepoints;
        this.settings = settings;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.rateSince = startedAt;
        this.lastLogged = startedAt;
        targets.forEach(t -> parked.put(t.name(), new LinkedHashMap<>()));
    }

    List<String> names() {
        return targets.stream().map(Target::name).toList();
    }

    boolean rebuilds(String name) {
        return names().contains(name);
    }

    RebuildStatus status() {
        long goal = Math.max(1, target);
        BigDecimal percentage = state == RebuildStatus.State.FINISHED ? BigDecimal.valueOf(100).setScale(1)
                : BigDecimal.valueOf(Math.min(position, goal) * 100.0 / goal).setScale(1, RoundingMode.HALF_UP);
        long left = Math.max(0, target - position);
        Duration eta = state != RebuildStatus.State.READING ? null : left == 0 ? Duration.ZERO
                : rate > 0 ? Duration.ofSeconds((long) Math.ceil(left / rate)) : null;
        Map<String, Integer> parkedCounts = new LinkedHashMap<>();
        synchronized (parked) {
            parked.forEach((name, sequences) -> parkedCounts.put(name,
                    sequences.values().stream().mapToInt(List::size).sum()));
        }
        return new RebuildStatus(names(), state, startedAt, finishedAt, position, target, percentage, rate, eta,
                read, parkedCounts, failure);
    }

    @Override
    public void run() {
        try {
            rebuild();
            state = RebuildStatus.State.FINISHED;
            log.info("Rebuild of {} finished after {}: {} events, parked {}", names(),
                    Duration.between(startedAt, clock.instant()), read, status().parked());
        } catch (Exception | Error e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            state = RebuildStatus.State.FAILED;
            log.error("Rebuild of {} failed; the live projections go on as they were", names(), e);
        } finally {
            finishedAt = clock.instant();
        }
    }

    private void rebuild() throws InterruptedException {
        List<String> tables = targets.stream().flatMap(t -> t.tables().stream()).toList();
        jdbc.sql("SELECT read_model.prepare_shadow(CAST(:tables AS TEXT[]))").param("tables", tables.toArray(String[]::new))
                .query().singleRow();
        TrackingToken head = events.createHeadToken();
        target = head == null ? 0 : head.position().orElse(0);
        log.info("Rebuilding {} in one pass over {} events, into copies of {}", names(), target, tables);
        targets.forEach(t -> workers.put(t.name(), Executors.newSingleThreadExecutor(
                DaemonThreads.named("projection-rebuild-" + t.name()))));
        TrackingToken last = null;
        long submitted = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (submitted < target) {
                List<TrackedEventMessage<?>> batch = next(stream);
                if (batch.isEmpty()) {
                    stream.hasNextAvailable(1, TimeUnit.SECONDS);
                    continue;
                }
                submit(batch, true);
                last = batch.get(batch.size() - 1).trackingToken();
                submitted = last.position().orElse(submitted);
            }
            awaitAll();
            state = RebuildStatus.State.SWAPPING;
            targets.forEach(t -> t.processor().shutDown());
            try {
                // What was appended while the copies were filled; whatever the stream has not fetched yet, the
                // projections take from the token after the swap.
                for (List<TrackedEventMessage<?>> batch = next(stream); !batch.isEmpty(); batch = next(stream)) {
                    submit(batch, false);
                    last = batch.get(batch.size() - 1).trackingToken();
                }
                awaitAll();
                swap(tables, last);
            } finally {
                targets.forEach(t -> t.processor().start());
            }
        } finally {
            aborted = true;
            workers.values().forEach(ExecutorService::shutdownNow);
            for (ExecutorService worker : workers.values()) {
                worker.awaitTermination(1, TimeUnit.MINUTES);
            }
        }
    }

    private List<TrackedEventMessage<?>> next(BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException {
        List<TrackedEventMessage<?>> batch = new ArrayList<>(settings.batchSize());
        while (batch.size() < settings.batchSize() && stream.hasNextAvailable()) {
            batch.add(stream.nextAvailable());
        }
        return batch;
    }

    /**
     * Hands a batch to every projection, each on its own thread and in a transaction of its own on the copies (as its
     * live processor would take it: a failure is then its own, and so is what a savepoint rolls back), so that the
     * projections write at once and each goes at its own pace, at most {@code read-ahead} batches ahead of the slowest.
     * Each event is deserialized (its personal fields opened) here, once for all of them.
     */
    private void submit(List<TrackedEventMessage<?>> batch, boolean replay) {
        for (TrackedEventMessage<?> message : batch) {
            try {
                message.getPayload();
                message.getMetaData();
            } catch (RuntimeException unreadable) {
                // The projections meet it in their handlers, and park it there.
            }
        }
        List<TrackedEventMessage<?>> handed = batch.stream().<TrackedEventMessage<?>>map(
                message -> replay ? asReplay(message) : message).toList();
        CompletableFuture<?>[] parts = targets.stream().map(t -> CompletableFuture.runAsync(
                () -> apply(t, batch, handed), workers.get(t.name()))).toArray(CompletableFuture[]::new);
        inFlight.add(new InFlight(batch, CompletableFuture.allOf(parts)));
        while (inFlight.size() > settings.readAhead()) {
            complete(inFlight.poll());
        }
        while (!inFlight.isEmpty() && inFlight.peek().done().isDone()) {
            complete(inFlight.poll());
        }
    }

    private void awaitAll() {
        while (!inFlight.isEmpty()) {
            complete(inFlight.poll());
        }
    }

    /** Waits until every projection has written the batch, then counts it; a projection's failure ends the rebuild. */
    private void complete(InFlight batch) {
        try {
            batch.done().join();
        } catch (CompletionException failed) {
            aborted = true;
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
        read += batch.events().size();
        position = batch.events().get(batch.events().size() - 1).trackingToken().position().orElse(position);
        progressed();
    }

    /** A batch handed to the projections, and when all of them have written it. */
    private record InFlight(List<TrackedEventMessage<?>> events, CompletableFuture<Void> done) {
    }

    /**
     * One projection's transaction for a batch. A handler that fails aborts it, and it runs again: the projection
     * then handles each event in a savepoint, so that the one that fails is parked.
     */
    private void apply(Target t, List<TrackedEventMessage<?>> batch, List<TrackedEventMessage<?>> handed) {
        for (int attempt = 1; !aborted; attempt++) {
            try {
                Map<Object, List<GenericDeadLetter<EventMessage<?>>>> parkedNow = new LinkedHashMap<>();
                transactions.executeWithoutResult(status -> {
                    jdbc.sql("SET LOCAL search_path TO public, read_model_shadow").update();
                    for (int i = 0; i < batch.size(); i++) {
                        handle(t, batch.get(i), handed.get(i), parkedNow);
                    }
                });
                synchronized (parked) {
                    parkedNow.forEach((sequence, letters) ->
                            parked.get(t.name()).computeIfAbsent(sequence, s -> new ArrayList<>()).addAll(letters));
                }
                return;
            } catch (RuntimeException e) {
                if (attempt > 1) {
                    throw e;
                }
                log.warn("A batch of the rebuild of {} failed; running it again, event by event, the failing "
                        + "ones parked", t.name(), e);
            }
        }
    }

    private void handle(Target t, TrackedEventMessage<?> message, TrackedEventMessage<?> handed,
                        Map<Object, List<GenericDeadLetter<EventMessage<?>>>> parkedNow) {
        Object sequence = sequence(t, message);
        List<GenericDeadLetter<EventMessage<?>>> waiting = waiting(t.name(), sequence, parkedNow);
        if (waiting != null) {
            waiting.add(new GenericDeadLetter<>(sequence, message));
            return;
        }
        DefaultUnitOfWork<TrackedEventMessage<?>> unit = DefaultUnitOfWork.startAndGet(handed);
        try {
            for (EventMessageHandler handler : t.handlers()) {
                if (!handler.canHandle(handed)) {
                    continue;
                }
                boolean careful = savepoints.careful(handler.getTargetType());
                try {
                    handler.handle(handed);
                } catch (Exception e) {
                    if (!careful) {
                        // Its writes may be half queued or its transaction aborted: the whole batch again.
                        throw new BatchFailed(e);
                    }
                    // Its savepoint was rolled back (SavepointPerEvent): the batch goes on without the event.
                    parkedNow.computeIfAbsent(sequence, s -> new ArrayList<>())
                            .add(parkedLetter(sequence, message, e));
                    break;
                }
            }
            unit.commit();
        } catch (RuntimeException | Error e) {
            if (unit.isActive()) {
                unit.rollback(e);
            }
            throw e;
        }
    }

    /** The customer's parked events for this projection, if it has any: the event then waits behind them. */
    /**
     * The letter of an event a handler failed on: its cause's message cut to what the dead-letter table holds, as
     * Axon's live processors cut it (a message that names a long statement would not fit, and the hand-over would fail).
     */
    private static GenericDeadLetter<EventMessage<?>> parkedLetter(Object sequence, EventMessage<?> message,
                                                                   Exception cause) {
        Instant now = GenericDeadLetter.clock.instant();
        return new GenericDeadLetter<>(sequence, message, ThrowableCause.truncated(cause), now, now,
                MetaData.emptyInstance());
    }

    private List<GenericDeadLetter<EventMessage<?>>> waiting(
            String name, Object sequence, Map<Object, List<GenericDeadLetter<EventMessage<?>>>> parkedNow) {
        List<GenericDeadLetter<EventMessage<?>>> now = parkedNow.get(sequence);
        if (now != null) {
            return now;
        }
        synchronized (parked) {
            return parked.get(name).containsKey(sequence) ? parkedNow.computeIfAbsent(sequence, s -> new ArrayList<>())
                    : null;
        }
    }

    private static Object sequence(Target target, EventMessage<?> message) {
        Object sequence = target.sequencing().getSequenceIdentifierFor(message);
        return sequence != null ? sequence : message.getIdentifier();
    }

    private static TrackedEventMessage<?> asReplay(TrackedEventMessage<?> message) {
        TrackingToken token = ReplayToken.createReplayToken(REPLAY_UNTIL, message.trackingToken());
        return message instanceof DomainEventMessage<?> domain
                ? new GenericTrackedDomainEventMessage<>(token, domain)
                : new GenericTrackedEventMessage<>(token, message);
    }

    /**
     * In one transaction: the copies in place of the live tables, every projection's token at the last event read,
     * its dead letters those of the rebuild. Tried again when the live tables' readers hold it up too long.
     */
    private void swap(List<String> tables, TrackingToken last) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> {
                    jdbc.sql("SET LOCAL lock_timeout = " + settings.lockTimeout().toMillis()).update();
                    for (Target t : targets) {
                        moveToken(t.name(), last);
                    }
                    jdbc.sql("SELECT read_model.swap_shadow(CAST(:tables AS TEXT[]))").param("tables", tables.toArray(String[]::new))
                            .query().singleRow();
                    for (Target t : targets) {
                        handOverDeadLetters(t.name());
                    }
                });
                return;
            } catch (UnableToClaimTokenException held) {
                throw new IllegalStateException("Another instance holds a segment of " + names()
                        + ": stop these projections on the other instances, then rebuild again", held);
            } catch (DataAccessException e) {
                if (attempt >= settings.swapAttempts()) {
                    throw e;
                }
                log.warn("The swap of {} failed (attempt {}), trying again", names(), attempt, e);
            }
        }
    }

    /** A handler failed outside a savepoint: the batch's transaction is rolled back and the batch runs again. */
    private static final class BatchFailed extends RuntimeException {
        BatchFailed(Exception cause) {
            super(cause);
        }
    }

    private void moveToken(String name, TrackingToken last) {
        int[] segments = tokenStore.fetchSegments(name);
        if (segments.length == 0) {
            tokenStore.initializeTokenSegments(name, 1, last);
            return;
        }
        for (int segment : segments) {
            tokenStore.storeToken(last, name, segment);
            tokenStore.releaseClaim(name, segment);
        }
    }

    private void handOverDeadLetters(String name) {
        processing.deadLetterQueue(name).ifPresent(queue -> {
            queue.clear();
            parked.get(name).forEach((sequence, letters) -> letters.forEach(letter -> queue.enqueue(sequence, letter)));
        });
    }

    private void progressed() {
        Instant now = clock.instant();
        double seconds = Duration.between(rateSince, now).toMillis() / 1000.0;
        if (seconds >= 1) {
            double current = (read - rateFrom) / seconds;
            rate = rate == 0 ? current : 0.5 * rate + 0.5 * current;
            rateSince = now;
            rateFrom = read;
        }
        if (Duration.between(lastLogged, now).compareTo(LOG_EVERY) >= 0) {
            lastLogged = now;
            RebuildStatus status = status();
            log.info("Rebuild of {}: position {} of {} ({}%), {} events/s, ETA {}", names(), position, target,
                    status.percentage(), Math.round(rate), status.eta());
        }
    }
}
