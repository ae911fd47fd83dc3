package io.cxengine.journey.query.outbound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of {@code webhook_subscription}. */
@Component
class WebhookSubscriptions {

    /** A subscription as the engine keeps it (its secret sealed). */
    record Subscription(UUID id, String client, String url, List<String> eventTypes, PersonalDataOut personalData,
                        byte[] sealedSecret, String secretKeyId, Instant createdAt, long fromPosition) {

        /** Whether events of this type (its name in the event catalogue) go to this subscriber. */
        boolean wants(String eventType) {
            return eventTypes.isEmpty() || eventTypes.contains(eventType);
        }
    }

    private final JdbcClient jdbc;

    WebhookSubscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Subscription subscription) {
        jdbc.sql("""
                        INSERT INTO webhook_subscription (subscription_id, client, url, event_types, personal_data, secret,
                                                          secret_key_id, created_at, from_position)
                        VALUES (:id, :client, :url, :types, :personal, :secret, :keyId, :at, :from)""")
                .param("id", subscription.id())
                .param("client", subscription.client())
                .param("url", subscription.url())
                .param("types", subscription.eventTypes().toArray(String[]::new))
                .param("personal", subscription.personalData().name())
                .param("secret", subscription.sealedSecret())
                .param("keyId", subscription.secretKeyId())
                .param("at", Timestamp.from(subscription.createdAt()))
                .param("from", subscription.fromPosition())
                .update();
    }

    /** The newest position in the store: a subscription made now is owed the events after it. */
    long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    /** The subscriptions in force, oldest first. */
    List<Subscription> live() {
        return jdbc.sql("SELECT * FROM webhook_subscription WHERE deleted_at IS NULL ORDER BY created_at, subscription_id")
                .query(WebhookSubscriptions::row).list();
    }

    Optional<Subscription> find(UUID id) {
        return jdbc.sql("SELECT * FROM webhook_subscription WHERE subscription_id = :id AND deleted_at IS NULL")
                .param("id", id).query(WebhookSubscriptions::row).optional();
    }

    /** Ends a subscription: nothing more is delivered to it; what it was owed stays listed until it is forgotten. */
    boolean end(UUID id, Instant now) {
        return jdbc.sql("""
                        UPDATE webhook_subscription SET deleted_at = :now
                         WHERE subscription_id = :id AND deleted_at IS NULL""")
                .param("id", id).param("now", Timestamp.from(now)).update() == 1;
    }

    private static Subscription row(ResultSet row, int index) throws SQLException {
        Array types = row.getArray("event_types");
        return new Subscription(row.getObject("subscription_id", UUID.class), row.getString("client"),
                row.getString("url"), Arrays.asList((String[]) types.getArray()),
                PersonalDataOut.valueOf(row.getString("personal_data")), row.getBytes("secret"),
                row.getString("secret_key_id"), row.getTimestamp("created_at").toInstant(),
                row.getLong("from_position"));
    }
}
