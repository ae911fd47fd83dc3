package io.cxengine.journey.launcher;

import io.cxengine.journey.command.recording.CustomerLocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code Idempotency-Key} is claimed, recorded and answered in the transaction of its command's events. While that
 * transaction runs, the key is in flight (409) for every other request; when it ends without committing (its backend
 * is terminated, as when the engine process dies), the key was never used; when it commits, a retry replays its
 * answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeyClaimIT extends EngineIntegration {

    private static final String BODY = """
            {"channel": "CHAT", "direction": "INBOUND", "purpose": "while another writer holds the customer", "valence": "NEUTRAL"}""";

    @Autowired
    DataSource dataSource;
    String customer;

    @BeforeEach
    void newCustomer() {
        customer = api.registerCustomer("Barbara Liskov");
    }

    @Test
    @DisplayName("a key whose first request is still running is in flight (409); once it commits, the retry replays its answer")
    void keyOfARunningRequestIsInFlightThenReplayed() throws Exception {
        String key = "running-" + UUID.randomUUID();
        Api.Response first;
        try (Connection other = dataSource.getConnection(); Statement writer = other.createStatement()) {
            writer.execute("SELECT pg_advisory_lock(%d, %d)".formatted(CustomerLocks.LOCK_CLASS, CustomerLocks.key(customer)));
            CompletableFuture<Api.Response> running = CompletableFuture.supplyAsync(
                    () -> api.post(touchpoints(), BODY, "Idempotency-Key", key));
            awaitWaitingForTheCustomer();

            Api.Response meanwhile = api.post(touchpoints(), BODY, "Idempotency-Key", key);
            assertThat(meanwhile.status()).as(meanwhile.toString()).isEqualTo(409);
            assertThat(meanwhile.json().get("type").asText()).endsWith("idempotency-key-in-flight");

            writer.execute("SELECT pg_advisory_unlock(%d, %d)".formatted(CustomerLocks.LOCK_CLASS, CustomerLocks.key(customer)));
            first = running.get();
        }
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        Api.Response retried = api.post(touchpoints(), BODY, "Idempotency-Key", key);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retried.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retried.json()).isEqualTo(first.json());
        assertThat(events()).isEqualTo(2);
    }

    @Test
    @DisplayName("a key whose request died before committing (its backend terminated) was never used: the retry records once")
    void keyOfADeadRequestIsFree() throws Exception {
        String key = "died-" + UUID.randomUUID();
        try (Connection other = dataSource.getConnection(); Statement writer = other.createStatement()) {
            writer.execute("SELECT pg_advisory_lock(%d, %d)".formatted(CustomerLocks.LOCK_CLASS, CustomerLocks.key(customer)));
            CompletableFuture<Api.Response> dying = CompletableFuture.supplyAsync(
                    () -> api.post(touchpoints(), BODY, "Idempotency-Key", key));
            int backend = awaitWaitingForTheCustomer();
            writer.execute("SELECT pg_terminate_backend(%d)".formatted(backend));
            assertThat(dying.get().status()).as("the request whose transaction died").isGreaterThanOrEqualTo(500);
            writer.execute("SELECT pg_advisory_unlock(%d, %d)".formatted(CustomerLocks.LOCK_CLASS, CustomerLocks.key(customer)));
        }
        assertThat(keyRecorded(key)).isFalse();

        Api.Response retried = api.post(touchpoints(), BODY, "Idempotency-Key", key);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(api.post(touchpoints(), BODY, "Idempotency-Key", key).header("Idempotent-Replayed"))
                .isEqualTo("true");
        assertThat(events()).isEqualTo(2);
    }

    @Test
    @DisplayName("a key recorded by an engine of before answers were stored, which died answering, replays its receipt")
    void keyRecordedWithoutAnAnswerReplaysItsReceipt() {
        String key = "recorded-" + UUID.randomUUID();
        Api.Response first = api.post(touchpoints(), BODY, "Idempotency-Key", key);
        jdbc.sql("""
                        UPDATE idempotency_record SET state = 'RECORDED', response_status = NULL,
                               response_headers = NULL, response_body = NULL, answered_at = NULL
                         WHERE client_id = 'test-client' AND idempotency_key = :key""")
                .param("key", key).update();

        Api.Response retried = api.post(touchpoints(), BODY, "Idempotency-Key", key);

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retried.json().get("position")).isEqualTo(first.json().get("position"));
        assertThat(events()).isEqualTo(2);
    }

    /** Waits until a request waits for the customer's lock; returns the PostgreSQL backend it runs on. */
    private int awaitWaitingForTheCustomer() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            var waiting = jdbc.sql("""
                            SELECT pid FROM pg_locks
                             WHERE locktype = 'advisory' AND NOT granted AND classid = :class AND objid = :key""")
                    .param("class", CustomerLocks.LOCK_CLASS)
                    .param("key", Integer.toUnsignedLong(CustomerLocks.key(customer)))
                    .query(Integer.class).list();
            if (!waiting.isEmpty()) {
                return waiting.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No request came to wait for customer " + customer);
    }

    private boolean keyRecorded(String key) {
        return jdbc.sql("SELECT count(*) FROM idempotency_record WHERE idempotency_key = :key")
                .param("key", key).query(Long.class).single() > 0;
    }

    private long events() {
        return StoredEvents.count(jdbc, customer);
    }

    private String touchpoints() {
        return "/customers/" + customer + "/touchpoints";
    }
}
