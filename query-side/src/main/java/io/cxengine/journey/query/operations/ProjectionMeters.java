package io.cxengine.journey.query.operations;

import io.cxengine.journey.platform.DaemonThreads;
import io.cxengine.journey.query.http.TokenPositions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where each projection stands, as meters read from the token store every few seconds (so across every instance of
 * the engine, like {@code GET /admin/projections}; {@code docs/operations.md}, "Meters"):
 * <ul>
 * <li>{@code journey.projection.lag.events} per projection and segment: events in the store past the segment's
 *     position;</li>
 * <li>{@code journey.projection.lag.seconds} per projection and segment: how long ago the oldest of those events was
 *     stored (0 when the segment is at the head);</li>
 * <li>{@code journey.projection.dead.letters} per projection: events parked in its dead-letter queue;</li>
 * <li>{@code journey.rebuild.progress}: the percentage of the store the running rebuild has read (absent when none
 *     runs on this instance), and {@code journey.rebuild.running} 1 while one runs.</li>
 * </ul>
 */
@Component
class ProjectionMeters {

    static final Duration EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ProjectionMeters.class);

    private final Projections projections;
    private final TokenPositions tokens;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MultiGauge lagEvents;
    private final MultiGauge lagSeconds;
    private final MultiGauge deadLetters;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("projection-meters"));

    ProjectionMeters(Projections projections, TokenPositions tokens, JdbcClient jdbc, Clock clock,
                     MeterRegistry meters) {
        this.projections = projections;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.clock = clock;
        this.lagEvents = MultiGauge.builder("journey.projection.lag.events").baseUnit("events")
                .description("Events in the store past the segment's position").register(meters);
        this.lagSeconds = MultiGauge.builder("journey.projection.lag.seconds").baseUnit("seconds")
                .description("Age of the oldest event the segment has not yet handled").register(meters);
        this.deadLetters = MultiGauge.builder("journey.projection.dead.letters")
                .description("Events parked in the projection's dead-letter queue").register(meters);
        Gauge.builder("journey.rebuild.running", this, meter -> meter.rebuild().isPresent() ? 1 : 0)
                .description("1 while a rebuild runs on this instance").register(meters);
        Gauge.builder("journey.rebuild.progress", this,
                        meter -> meter.rebuild().map(status -> status.percentage().doubleValue()).orElse(Double.NaN))
                .baseUnit("percent").description("How far the running rebuild has read through the store")
                .register(meters);
        sampler.scheduleWithFixedDelay(this::sample, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Optional<RebuildStatus> rebuild() {
        return projections.rebuildStatus().filter(RebuildStatus::running);
    }

    void sample() {
        try {
            long head = projections.head();
            Instant now = clock.instant();
            List<MultiGauge.Row<?>> events = new ArrayList<>();
            List<MultiGauge.Row<?>> seconds = new ArrayList<>();
            List<MultiGauge.Row<?>> parked = new ArrayList<>();
            for (String name : projections.names()) {
                for (Map.Entry<Integer, Long> segment : tokens.segments(name).entrySet()) {
                    Tags tags = Tags.of("projection", name, "segment", String.valueOf(segment.getKey()));
                    long position = segment.getValue();
                    events.add(MultiGauge.Row.of(tags, Math.max(0, head - position)));
                    seconds.add(MultiGauge.Row.of(tags, position >= head ? 0 : oldestPast(position)
                            .map(stored -> Math.max(0, Duration.between(stored, now).toMillis() / 1000.0))
                            .orElse(0.0)));
                }
                parked.add(MultiGauge.Row.of(Tags.of("projection", name), projections.deadLetters(name)));
            }
            lagEvents.register(events, true);
            lagSeconds.register(seconds, true);
            deadLetters.register(parked, true);
        } catch (RuntimeException e) {
            log.debug("Could not sample the projections' meters", e);
        }
    }

    /** When the first event past this position was stored. */
    private Optional<Instant> oldestPast(long position) {
        return jdbc.sql("""
                        SELECT time_stamp FROM domain_event_entry WHERE global_index > :position
                         ORDER BY global_index LIMIT 1""")
                .param("position", position).query(String.class).optional().map(Instant::parse);
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
    }
}
