package io.cxengine.journey.query.outbound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of {@code webhook_delivery}: one row per event owed to a subscriber, {@code PENDING} until the subscriber
 * answered 2xx ({@code DELIVERED}) or every attempt failed ({@code DEAD}). A customer's deliveries to one subscriber go
 * in the order of the store: one waits while any before it is not delivered, a dead one too, until it is replayed.
 */
@Component
class WebhookDeliveries {

    /** A delivery owed. */
    record Delivery(UUID subscription, long position, String customerId, long version, String eventType, int attempts) {
    }

    /** A delivery that failed every attempt. */
    record DeadLetter(long position, String eventType, int attempts, Integer lastStatus, String lastError) {
    }

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Owes the subscriber this event; in the webhook group's transaction, so exactly when its token passes it. */
    void owe(UUID subscription, long position, String customerId, long version, String eventType, Instant now) {
        jdbc.sql("""
                        INSERT INTO webhook_delivery (subscription_id, position, customer_id, version, event_type, state,
                                                      next_attempt_at)
                        VALUES (:subscription, :position, :customer, :version, :type, 'PENDING', :now)
                        ON CONFLICT (subscription_id, position) DO NOTHING""")
                .param("subscription", subscription).param("position", position).param("customer", customerId)
                .param("version", version).param("type", eventType).param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Deliveries due now, at most {@code limit} and at most {@code perSubscription} of one subscriber (so that a slow
     * one cannot take every sender), each the first undelivered one of its customer and subscriber (so no two of one
     * customer and subscriber), of subscriptions in force.
     */
    List<Delivery> due(Instant now, int limit, int perSubscription) {
        return jdbc.sql("""
                        SELECT subscription_id, position, customer_id, version, event_type, attempts FROM (
                            SELECT d.*, row_number() OVER (PARTITION BY d.subscription_id
                                                           ORDER BY d.next_attempt_at, d.position) AS rank
                              FROM webhook_delivery d
                              JOIN webhook_subscription s
                                ON s.subscription_id = d.subscription_id AND s.deleted_at IS NULL
                             WHERE d.state = 'PENDING' AND d.next_attempt_at <= :now
                               AND NOT EXISTS (SELECT FROM webhook_delivery e
                                                WHERE e.subscription_id = d.subscription_id
                                                  AND e.customer_id = d.customer_id
                                                  AND e.position < d.position AND e.state <> 'DELIVERED')) due
                         WHERE rank <= :perSubscription
                         ORDER BY next_attempt_at, position
                         LIMIT :limit""")
                .param("now", Timestamp.from(now)).param("limit", limit).param("perSubscription", perSubscription)
                .query((row, index) -> new Delivery(row.getObject("subscription_id", UUID.class),
                        row.getLong("position"), row.getString("customer_id"), row.getLong("version"),
                        row.getString("event_type"), row.getInt("attempts")))
                .list();
    }

    /**
     * The attempt was answered 2xx. Like {@link #failed}, it changes the row only as it was read (pending, after as
     * many attempts): a run of the sender that another node already took over changes nothing.
     */
    void delivered(Delivery delivery, int status, Instant now) {
        jdbc.sql("""
                        UPDATE webhook_delivery SET state = 'DELIVERED', attempts = attempts + 1, last_status = :status,
                               last_error = NULL, delivered_at = :now
                         WHERE subscription_id = :subscription AND position = :position
                           AND state = 'PENDING' AND attempts = :seen""")
                .param("status", status).param("now", Timestamp.from(now)).param("seen", delivery.attempts())
                .param("subscription", delivery.subscription()).param("position", delivery.position()).update();
    }

    /** An attempt failed: tried again at {@code retryAt}, or dead if that was the last attempt ({@code retryAt} null). */
    void failed(Delivery delivery, Integer status, String error, Instant retryAt) {
        jdbc.sql("""
                        UPDATE webhook_delivery
                           SET state = CASE WHEN CAST(:retryAt AS TIMESTAMP WITH TIME ZONE) IS NULL THEN 'DEAD'
                                            ELSE 'PENDING' END,
                               attempts = attempts + 1, last_status = :status, last_error = :error,
                               next_attempt_at = coalesce(CAST(:retryAt AS TIMESTAMP WITH TIME ZONE), next_attempt_at)
                         WHERE subscription_id = :subscription AND position = :position
                           AND state = 'PENDING' AND attempts = :seen""")
                .param("status", status).param("error", error).param("seen", delivery.attempts())
                .param("retryAt", retryAt == null ? null : Timestamp.from(retryAt))
                .param("subscription", delivery.subscription()).param("position", delivery.position()).update();
    }

    List<DeadLetter> dead(UUID subscription, int limit) {
        return jdbc.sql("""
                        SELECT position, event_type, attempts, last_status, last_error FROM webhook_delivery
                         WHERE subscription_id = :subscription AND state = 'DEAD' ORDER BY position LIMIT :limit""")
                .param("subscription", subscription).param("limit", limit)
                .query((row, index) -> new DeadLetter(row.getLong("position"), row.getString("event_type"),
                        row.getInt("attempts"), (Integer) row.getObject("last_status"), row.getString("last_error")))
                .list();
    }

    /** Every dead delivery of the subscription is owed again, at once, with its attempts counted afresh. */
    int replay(UUID subscription, Instant now) {
        return jdbc.sql("""
                        UPDATE webhook_delivery SET state = 'PENDING', attempts = 0, next_attempt_at = :now
                         WHERE subscription_id = :subscription AND state = 'DEAD'""")
                .param("subscription", subscription).param("now", Timestamp.from(now)).update();
    }

    /** Forgets deliveries delivered before {@code before}. */
    int forget(Instant before) {
        return jdbc.sql("DELETE FROM webhook_delivery WHERE state = 'DELIVERED' AND delivered_at < :before")
                .param("before", Timestamp.from(before)).update();
    }

    long waiting(UUID subscription) {
        return jdbc.sql("SELECT count(*) FROM webhook_delivery WHERE subscription_id = :s AND state = 'PENDING'")
                .param("s", subscription).query(Long.class).single();
    }
}
