package io.cxengine.journey.command.serviceclock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;

/**
 * The deadlines as meters ({@code docs/operations.md}, "Meters"): {@code journey.deadlines.scheduled} and
 * {@code journey.deadlines.due} (run out and not yet fired), read from the table at each scrape so that every
 * instance tells the same; {@code journey.deadlines.fired} and {@code journey.deadlines.failed} by deadline (a breach
 * of a service standard, a missed follow-up), counted once their transaction has committed or failed; and
 * {@code journey.deadlines.lateness}, how long after its time each deadline fired (what an alert on breaches firing
 * late watches).
 */
final class DeadlineMeters {

    private final MeterRegistry meters;
    private final Clock clock;

    DeadlineMeters(MeterRegistry meters, JdbcClient jdbc, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("journey.deadlines.scheduled", jdbc,
                        sql -> sql.sql("SELECT count(*) FROM service_clock").query(Long.class).single())
                .description("Deadlines scheduled and not yet fired").register(meters);
        Gauge.builder("journey.deadlines.due", jdbc, sql -> sql.sql(
                                "SELECT count(*) FROM service_clock WHERE fire_at <= :now")
                        .param("now", Timestamp.from(clock.instant())).query(Long.class).single())
                .description("Deadlines whose time has come and that have not fired yet").register(meters);
    }

    void fired(String deadline, Instant due) {
        Counter.builder("journey.deadlines.fired").description("Deadlines fired").tag("deadline", deadline)
                .register(meters).increment();
        Duration late = Duration.between(due, clock.instant());
        Timer.builder("journey.deadlines.lateness").description("How long after its time a deadline fired")
                .tag("deadline", deadline).publishPercentiles(0.5, 0.99)
                .register(meters).record(late.isNegative() ? Duration.ZERO : late);
    }

    void failed(String deadline) {
        Counter.builder("journey.deadlines.failed").description("Deadlines that failed to fire, to be tried again")
                .tag("deadline", deadline).register(meters).increment();
    }
}
