package io.cxengine.journey.query.operations;

import io.cxengine.journey.query.web.TokenPositions;
import io.cxengine.journey.query.web.UnknownProjection;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's projections as an operator sees them: each a pooled streaming processor in its own processing group.
 * Samples their positions every second (for rates and ETAs), logs the progress of rebuilds, and rebuilds one from
 * the first event on request while the others, and the commands, go on.
 */
@Component
public class Projections {

    private static final Logger log = LoggerFactory.getLogger(Projections.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final TokenPositions tokens;
    private final Clock clock;
    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-progress");
        thread.setDaemon(true);
        return thread;
    });

    Projections(EventProcessingConfiguration processing, EventStore events, TokenPositions tokens, Clock clock) {
        this.processing = processing;
        this.events = events;
        this.tokens = tokens;
        this.clock = clock;
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    /** A rebuild under way: when it began and how many events the store held then. */
    private record Rebuild(Instant startedAt, long headAtStart, Instant lastLogged) {
    }

    public List<String> names() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .map(Map.Entry::getKey).sorted().toList();
    }

    public ProjectionStatus status(String name) {
        StreamingEventProcessor processor = processor(name);
        long head = head();
        long position = tokens.position(name);
        boolean replaying = tokens.replaying(name);
        Rebuild rebuild = rebuilds.get(name);
        long target = rebuild != null && replaying ? Math.max(1, rebuild.headAtStart()) : Math.max(1, head);
        BigDecimal percentage = BigDecimal.valueOf(Math.min(position, target) * 100.0 / target)
                .setScale(1, RoundingMode.HALF_UP);
        double rate = Optional.ofNullable(rates.get(name)).map(Rate::perSecond).orElse(0.0);
        long lag = Math.max(0, head - position);
        Duration eta = lag == 0 ? Duration.ZERO : rate > 0 ? Duration.ofSeconds((long) Math.ceil(lag / rate)) : null;
        return new ProjectionStatus(name, processor.isRunning(), replaying, position, head, lag, percentage, rate, eta,
                deadLetters(name), rebuild == null ? null : rebuild.startedAt());
    }

    /**
     * Empties the projection and replays every event from the first into it: stops its processor, resets its tokens
     * (its {@code @ResetHandler} empties its tables), clears its parked dead letters (the replay handles those events
     * again) and starts it again. The instance must be able to claim every segment: stop the projection on other
     * instances first.
     */
    public ProjectionStatus rebuild(String name) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset()) {
            throw new IllegalStateException(name + " cannot be rebuilt");
        }
        processor.shutDown();
        try {
            // Claims every segment; another instance holding one makes this fail, and nothing is reset.
            resetOnceReleased(processor);
            processing.deadLetterQueue(name).ifPresent(SequencedDeadLetterQueue::clear);
            rebuilds.put(name, new Rebuild(clock.instant(), head(), clock.instant()));
            rates.remove(name);
        } finally {
            processor.start();
        }
        log.info("Rebuilding projection {} from the first event; {} events in the store", name, head());
        return status(name);
    }

    /**
     * A processor that has just been shut down may still be releasing its own claims (a work package finishing or
     * retrying its batch): a reset is tried again for a few seconds before another instance is taken to hold the
     * segment.
     */
    private static void resetOnceReleased(StreamingEventProcessor processor) {
        for (int attempt = 1; ; attempt++) {
            try {
                processor.resetTokens();
                return;
            } catch (UnableToClaimTokenException held) {
                if (attempt == 30) {
                    throw held;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw held;
                }
            }
        }
    }

    StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProjection(name));
    }

    long deadLetters(String name) {
        return processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    private long head() {
        TrackingToken head = events.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private void sample() {
        try {
            Instant now = clock.instant();
            for (String name : names()) {
                long position = tokens.position(name);
                rates.compute(name, (key, rate) -> rate == null ? new Rate(position, now) : rate.next(position, now));
                Rebuild rebuild = rebuilds.get(name);
                if (rebuild != null && Duration.between(rebuild.lastLogged(), now).compareTo(LOG_EVERY) >= 0) {
                    ProjectionStatus status = status(name);
                    log.info("Rebuild of {}: position {} of {} ({}%), {} events/s, ETA {}", name, status.position(),
                            rebuild.headAtStart(), status.percentage(), Math.round(status.eventsPerSecond()),
                            status.eta());
                    rebuilds.put(name, status.replaying() ? new Rebuild(rebuild.startedAt(), rebuild.headAtStart(), now)
                            : finished(name, rebuild, now));
                }
            }
        } catch (RuntimeException e) {
            log.debug("Could not sample projection progress", e);
        }
    }

    private Rebuild finished(String name, Rebuild rebuild, Instant now) {
        log.info("Rebuild of {} caught up after {}", name, Duration.between(rebuild.startedAt(), now));
        return new Rebuild(rebuild.startedAt(), rebuild.headAtStart(), Instant.MAX);
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
    }

    /** Events per second between two samples, smoothed. */
    private record Rate(long position, Instant at, double perSecond) {
        Rate(long position, Instant at) {
            this(position, at, 0);
        }

        Rate next(long newPosition, Instant now) {
            double seconds = Math.max(0.001, Duration.between(at, now).toMillis() / 1000.0);
            double current = Math.max(0, newPosition - position) / seconds;
            return new Rate(newPosition, now, perSecond == 0 ? current : 0.5 * perSecond + 0.5 * current);
        }
    }

    /** What one message in a dead-letter queue says. */
    record Parked(String eventIdentifier, String payloadType, String customerId, Instant enqueuedAt,
                  String causeType, String causeMessage) {
        static Parked of(org.axonframework.messaging.deadletter.DeadLetter<? extends EventMessage<?>> letter) {
            EventMessage<?> message = letter.message();
            String aggregate = message instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                    ? domain.getAggregateIdentifier() : null;
            return new Parked(message.getIdentifier(), message.getPayloadType().getName(), aggregate,
                    letter.enqueuedAt(), letter.cause().map(cause -> cause.type()).orElse(null),
                    letter.cause().map(cause -> cause.message()).orElse(null));
        }
    }
}
