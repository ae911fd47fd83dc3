package io.cxengine.journey.query.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Webhooks as meters ({@code docs/operations.md}, "Meters"): {@code journey.webhooks.waiting} and
 * {@code journey.webhooks.dead}, deliveries pending and dead over every subscription, read from the table at each
 * scrape (so every node tells the same); {@code journey.webhooks.attempts}, each attempt by its outcome
 * ({@code delivered}, {@code failed}: tried again later, {@code dead}: the last attempt failed).
 */
@Component
class WebhookMeters {

    private final Counter delivered;
    private final Counter failed;
    private final Counter dead;

    WebhookMeters(MeterRegistry meters, JdbcClient jdbc) {
        Gauge.builder("journey.webhooks.waiting", jdbc, sql -> count(sql, "PENDING"))
                .description("Webhook deliveries owed and not yet delivered").register(meters);
        Gauge.builder("journey.webhooks.dead", jdbc, sql -> count(sql, "DEAD"))
                .description("Webhook deliveries that failed every attempt, waiting for a replay").register(meters);
        delivered = attempts(meters, "delivered");
        failed = attempts(meters, "failed");
        dead = attempts(meters, "dead");
    }

    private static double count(JdbcClient jdbc, String state) {
        return jdbc.sql("""
                        SELECT count(*) FROM webhook_delivery d JOIN webhook_subscription s USING (subscription_id)
                         WHERE d.state = :state AND s.deleted_at IS NULL""")
                .param("state", state).query(Long.class).single();
    }

    private static Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("journey.webhooks.attempts").description("Webhook delivery attempts, by outcome")
                .tag("outcome", outcome).register(meters);
    }

    void delivered() {
        delivered.increment();
    }

    void failed(boolean last) {
        (last ? dead : failed).increment();
    }
}
