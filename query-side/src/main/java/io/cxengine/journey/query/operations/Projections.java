package io.cxengine.journey.query.operations;

import io.cxengine.journey.platform.DaemonThreads;
import io.cxengine.journey.platform.projection.SavepointPerEvent;
import io.cxengine.journey.query.http.TokenPositions;
import io.cxengine.journey.query.http.UnknownProjection;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's projections as an operator sees them: each a pooled streaming processor in its own processing group.
 * Samples their positions every second (for rates and ETAs), and rebuilds any of them, all at once in one pass over
 * the store ({@link ProjectionRebuild}), while the live ones keep answering and the commands go on.
 */
@Component
@EnableConfigurationProperties(RebuildSettings.class)
public class Projections {

    private static final Logger log = LoggerFactory.getLogger(Projections.class);

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final TokenPositions tokens;
    private final TokenStore tokenStore;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SavepointPerEvent savepoints;
    private final RebuildSettings settings;
    private final Clock clock;
    private final Duration claimTimeout;
    private final Map<String, List<String>> tables;
    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    private final AtomicReference<ProjectionRebuild> rebuild = new AtomicReference<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("projection-progress"));
    private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(
            DaemonThreads.named("projection-rebuild"));

    Projections(EventProcessingConfiguration processing, EventStore events, TokenPositions tokens,
                TokenStore tokenStore, JdbcClient jdbc, PlatformTransactionManager transactionManager,
                SavepointPerEvent savepoints, RebuildSettings settings, List<ReadModel> readModels,
                TokenStoreProperties tokenStoreProperties, Clock clock) {
        this.processing = processing;
        this.events = events;
        this.tokens = tokens;
        this.tokenStore = tokenStore;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.savepoints = savepoints;
        this.settings = settings;
        this.clock = clock;
        this.claimTimeout = tokenStoreProperties.getClaimTimeout();
        Map<String, List<String>> byGroup = new TreeMap<>();
        for (ReadModel model : readModels) {
            ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getTargetClass(model),
                    ProcessingGroup.class);
            if (group != null) {
                byGroup.put(group.value(), List.copyOf(model.tables()));
            }
        }
        this.tables = Map.copyOf(byGroup);
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    /** The projections: the processing groups that keep views (tables), each of which can be rebuilt. */
    public List<String> views() {
        return tables.keySet().stream().sorted().toList();
    }

    /** Every processing group: the projections and the deliveries of events out. */
    public List<String> names() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * Where a projection stands. While a rebuild of it runs, where the rebuild stands (the live tables answer from
     * the live position meanwhile); it counts as caught up only once the rebuilt tables are swapped in.
     */
    public ProjectionStatus status(String name) {
        StreamingEventProcessor processor = processor(name);
        long head = head();
        ProjectionRebuild current = rebuild.get();
        if (current != null && current.rebuilds(name)) {
            RebuildStatus rebuilding = current.status();
            if (rebuilding.running()) {
                return new ProjectionStatus(name, processor.isRunning(), true, rebuilding.position(), head,
                        Math.max(0, head - rebuilding.position()), rebuilding.percentage(),
                        rebuilding.eventsPerSecond(), rebuilding.eta(), deadLetters(name), rebuilding.startedAt());
            }
        }
        long position = tokens.position(name);
        boolean replaying = tokens.replaying(name);
        BigDecimal percentage = BigDecimal.valueOf(Math.min(position, Math.max(1, head)) * 100.0 / Math.max(1, head))
                .setScale(1, RoundingMode.HALF_UP);
        double rate = Optional.ofNullable(rates.get(name)).map(Rate::perSecond).orElse(0.0);
        long lag = Math.max(0, head - position);
        Duration eta = lag == 0 ? Duration.ZERO : rate > 0 ? Duration.ofSeconds((long) Math.ceil(lag / rate)) : null;
        return new ProjectionStatus(name, processor.isRunning(), replaying, position, head, lag, percentage, rate, eta,
                deadLetters(name), current != null && current.rebuilds(name) ? current.status().startedAt() : null);
    }

    /** Rebuilds one projection from the first event: {@link #rebuild(Collection)} of it alone. */
    public ProjectionStatus rebuild(String name) {
        rebuild(List.of(name));
        return status(name);
    }

    /**
     * Starts rebuilding these projections (every one when empty) from the first event, in one pass over the store,
     * and answers at once; {@link #rebuildStatus()} follows it. The live tables keep answering until the rebuilt
     * copies are swapped in. One rebuild at a time per engine; this instance must be able to claim every segment of
     * them for the swap: stop them on other instances first.
     */
    public RebuildStatus rebuild(Collection<String> names) {
        List<String> chosen = names.isEmpty() ? views() : names.stream().distinct().sorted().toList();
        List<ProjectionRebuild.Target> targets = chosen.stream().map(this::target).toList();
        targets.forEach(this::refuseIfHeldElsewhere);
        ProjectionRebuild next = new ProjectionRebuild(targets, events, processing, tokenStore, jdbc, transactions,
                savepoints, settings, clock);
        ProjectionRebuild current = rebuild.get();
        if (current != null && current.status().running() || !rebuild.compareAndSet(current, next)) {
            throw new RebuildRunning(rebuild.get().status());
        }
        rebuilder.execute(next);
        return next.status();
    }

    /** The rebuild running, or the last one this instance ran. */
    public Optional<RebuildStatus> rebuildStatus() {
        return Optional.ofNullable(rebuild.get()).map(ProjectionRebuild::status);
    }

    private ProjectionRebuild.Target target(String name) {
        StreamingEventProcessor processor = processor(name);
        List<String> owned = tables.get(name);
        if (owned == null) {
            throw new UnknownProjection(name, "keeps no tables to rebuild: it delivers events to another system");
        }
        if (!(processor instanceof AbstractEventProcessor axon)) {
            throw new IllegalStateException(name + " cannot be rebuilt: it is no Axon event processor");
        }
        return new ProjectionRebuild.Target(name, owned, handlers(axon.eventHandlerInvoker()),
                processing.sequencingPolicy(name), processor);
    }

    /**
     * The swap hands the projection its new position in every segment, which another instance holding one would
     * refuse only at the end: refused at once instead ({@code 409 projection-in-use}). A claim counts while it is
     * younger than the claim timeout and this instance's processor does not hold that segment itself.
     */
    private void refuseIfHeldElsewhere(ProjectionRebuild.Target target) {
        var mine = target.processor().processingStatus().keySet();
        Instant stale = clock.instant().minus(claimTimeout);
        jdbc.sql("SELECT segment, time_stamp FROM token_entry WHERE processor_name = :name AND owner IS NOT NULL")
                .param("name", target.name())
                .query((row, n) -> new Object[]{row.getInt("segment"), row.getString("time_stamp")}).list()
                .stream()
                .filter(claim -> !mine.contains((Integer) claim[0]) && Instant.parse((String) claim[1]).isAfter(stale))
                .findFirst()
                .ifPresent(claim -> {
                    throw new UnableToClaimTokenException("Segment " + claim[0] + " of " + target.name()
                            + " is held by another instance");
                });
    }

    private static List<EventMessageHandler> handlers(EventHandlerInvoker invoker) {
        if (invoker instanceof SimpleEventHandlerInvoker simple) {
            return simple.eventHandlers();
        }
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            return multi.delegates().stream().flatMap(delegate -> handlers(delegate).stream()).toList();
        }
        throw new IllegalStateException("Cannot rebuild through " + invoker.getClass().getName());
    }

    StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProjection(name));
    }

    long deadLetters(String name) {
        return processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    long head() {
        TrackingToken head = events.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private void sample() {
        try {
            Instant now = clock.instant();
            for (String name : names()) {
                long position = tokens.position(name);
                rates.compute(name, (key, rate) -> rate == null ? new Rate(position, now) : rate.next(position, now));
            }
        } catch (RuntimeException e) {
            log.debug("Could not sample projection progress", e);
        }
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
        rebuilder.shutdownNow();
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
