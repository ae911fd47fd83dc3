package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.customer.ScheduledDeadlines;
import io.cxengine.journey.command.customer.ServiceClock;
import io.cxengine.journey.customer.CustomerId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/** The SQL of {@code service_clock_deadline}, written in the transaction of the command that starts or stops a clock. */
@Repository
class JdbcScheduledDeadlines implements ScheduledDeadlines {

    private final JdbcClient jdbc;

    JdbcScheduledDeadlines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void remember(CustomerId customer, ServiceClock.Key clock, String scheduleId) {
        jdbc.sql("""
                        INSERT INTO service_clock_deadline (customer_id, standard, subject, schedule_id)
                        VALUES (:customer, :standard, :subject, :schedule)
                        ON CONFLICT (customer_id, standard, subject) DO UPDATE SET schedule_id = EXCLUDED.schedule_id
                        """)
                .param("customer", customer.value())
                .param("standard", clock.standard().name())
                .param("subject", clock.subject())
                .param("schedule", scheduleId)
                .update();
    }

    @Override
    public Optional<String> forget(CustomerId customer, ServiceClock.Key clock) {
        return jdbc.sql("""
                        DELETE FROM service_clock_deadline
                         WHERE customer_id = :customer AND standard = :standard AND subject = :subject
                        RETURNING schedule_id
                        """)
                .param("customer", customer.value())
                .param("standard", clock.standard().name())
                .param("subject", clock.subject())
                .query(String.class)
                .optional();
    }
}
