package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 4 of the fault suite: a write whose transaction stays open, after it took its position in the event
 * stream, for longer than the projections wait for a gap (here 3 s). Write A inserts its event and then waits for a
 * lock an outside session holds; write B, of another customer, takes the next position and commits once its event is
 * older than the gap timeout, as the events a lagging projection reads are. Without a bound on writes the projections
 * read B, give A's position up, and never show A although A answered 201. With the bound ({@code
 * journey.event-store.write-timeout}, 1 s here) PostgreSQL ends both transactions: each answers 503, nothing is
 * recorded, and the retry with the same {@code Idempotency-Key} records it once, which every projection shows.
 * <p>
 * Run with {@code -Dgap.write-timeout=0} to see the hazard: A's touchpoint is then missing from the views.
 * <p>
 * The engine runs on a PostgreSQL of its own: its projections, and no other engine's, must own every segment, and
 * its trigger must not hold the other tests' writes.
 */
class EventStreamGapIT {

    private static final long LOCK = 4711;

    @TempDir
    static Path workingDirectory;
    static ConfigurableApplicationContext engine;
    static int port;
    static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void start() {
        engine = new SpringApplicationBuilder(JourneyEngineApplication.class)
                .run("--server.port=0",
                        "--journey.embedded-postgres.ephemeral=false",
                        "--journey.embedded-postgres.data-directory=" + workingDirectory.resolve("data/postgres"),
                        "--journey.event-store.gap-timeout=3s",
                        "--journey.event-store.write-timeout=" + System.getProperty("gap.write-timeout", "1s"));
        port = ((WebServerApplicationContext) engine).getWebServer().getPort();
        postgres = engine.getBean(EmbeddedPostgresServer.class);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @AfterEach
    void removeTheHold() {
        owner().sql("DROP TRIGGER IF EXISTS hold_write ON domain_event_entry").update();
        owner().sql("DROP FUNCTION IF EXISTS public.hold_write()").update();
    }

    @Test
    @DisplayName("a write held open past the gap timeout is either shown by every projection or refused and recorded once on retry")
    void heldWrite() throws Exception {
        Api api = new Api(port);
        String held = register(api, "Held Writer");
        String late = register(api, "Late Neighbour");
        plantTheHold(held, late);

        try (Connection outside = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.SUPERUSER, "")) {
            try (Statement lock = outside.createStatement()) {
                lock.execute("SELECT pg_advisory_lock(" + LOCK + ")");
            }
            CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(() -> touchpoint(api, held, "held-1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> first.isDone() || waitingForTheLock() > 0);
            CompletableFuture<Api.Response> second = CompletableFuture.supplyAsync(() -> touchpoint(api, late, "late-1"));
            Api.Response lateAnswer = second.get(30, TimeUnit.SECONDS);
            if (lateAnswer.status() == 201) {
                // The projections have read past the held write's position by now.
                long position = lateAnswer.json().get("position").asLong();
                assertThat(api.get("/customers/" + late + "/timeline?minPosition=" + position).status()).isEqualTo(200);
                Thread.sleep(1_000);
            }
            try (Statement unlock = outside.createStatement()) {
                unlock.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
            }
            Api.Response heldAnswer = first.get(30, TimeUnit.SECONDS);
            removeTheHold();

            assertThat(heldAnswer.status()).as("the held write: %s", heldAnswer).isIn(201, 503);
            assertThat(lateAnswer.status()).as("the late write: %s", lateAnswer).isIn(201, 503);
            Api.Response heldRecorded = settle(api, held, "held-1", heldAnswer);
            Api.Response lateRecorded = settle(api, late, "late-1", lateAnswer);

            assertThat(touchpoints(held)).as("the held write, recorded once").isEqualTo(1);
            assertThat(touchpoints(late)).as("the late write, recorded once").isEqualTo(1);
            shownEverywhere(api, held, heldRecorded);
            shownEverywhere(api, late, lateRecorded);
        }
    }

    /** A 503 is retried with the same key and must then be recorded; a 201 stands. */
    private static Api.Response settle(Api api, String customer, String key, Api.Response answer) {
        if (answer.status() == 201) {
            return answer;
        }
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(answer.header("retry-after")).isNotBlank();
        assertThat(answer.json().get("type").asText()).endsWith("/write-timed-out");
        Api.Response retried = touchpoint(api, customer, key);
        assertThat(retried.status()).as("the retry: %s", retried).isEqualTo(201);
        return retried;
    }

    /** Every per-customer projection shows the touchpoint: the timeline, the profile and the briefing. */
    private static void shownEverywhere(Api api, String customer, Api.Response recorded) {
        long position = recorded.json().get("position").asLong();
        long version = recorded.json().get("version").asLong();
        // Written after the touchpoint, so that each view has passed its position by the time it shows this purchase.
        Api.Response after = api.post("/customers/" + customer + "/purchases", """
                {"orderId": "O-%s", "amount": {"amount": "10.00", "currency": "EUR"}}""".formatted(position));
        assertThat(after.status()).isEqualTo(200);
        long last = after.json().get("position").asLong();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode profile = api.get("/customers/" + customer + "/profile?minPosition=" + last).json();
            assertThat(profile.at("/value/purchases").asInt()).isEqualTo(1);
            JsonNode briefing = api.get("/customers/" + customer + "/briefing?minPosition=" + last).json();
            assertThat(briefing.get("version").asLong()).isEqualTo(profile.get("version").asLong());
            JsonNode timeline = api.get("/customers/" + customer + "/timeline?minPosition=" + last).json();
            assertThat(timeline.get("moments").findValuesAsText("sequence"))
                    .as("the timeline of %s shows the touchpoint (version %d, position %d)", customer, version, position)
                    .contains(String.valueOf(version));
            assertThat(profile.get("lastContactAt").isNull()).as("the profile saw the touchpoint").isFalse();
            assertThat(briefing.get("lastMoments")).as("the briefing saw the touchpoint").isNotEmpty();
        });
    }

    /**
     * A's insert waits for the outside session's lock (its position taken, its transaction open); B's insert sleeps
     * until its event is older than the gap timeout.
     */
    private void plantTheHold(String held, String late) {
        owner().sql("""
                CREATE FUNCTION public.hold_write() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.aggregate_identifier = '%s' THEN
                        PERFORM pg_advisory_xact_lock(%d);
                    ELSIF NEW.aggregate_identifier = '%s' THEN
                        PERFORM pg_sleep(4);
                    END IF;
                    RETURN NEW;
                END $$""".formatted(held, LOCK, late)).update();
        owner().sql("""
                CREATE TRIGGER hold_write AFTER INSERT ON domain_event_entry
                FOR EACH ROW EXECUTE FUNCTION public.hold_write()""").update();
    }

    private long waitingForTheLock() {
        return owner().sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :lock AND NOT granted")
                .param("lock", LOCK).query(Long.class).single();
    }

    private long touchpoints(String customer) {
        return owner().sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE aggregate_identifier = :customer AND payload_type LIKE '%TouchpointRecorded'""")
                .param("customer", customer).query(Long.class).single();
    }

    private static JdbcClient owner() {
        return SchemaOwner.sql(postgres);
    }

    private static Api.Response touchpoint(Api api, String customer, String key) {
        return api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "CHAT", "direction": "INBOUND", "purpose": "where is my order", "valence": "NEUTRAL"}""",
                "Idempotency-Key", key + "-" + customer);
    }

    private static String register(Api api, String name) {
        String id = UUID.randomUUID().toString();
        Api.Response registered = api.post("/customers", """
                {"customerId": "%s", "name": "%s", "identifiedVia": "IMPORT"}""".formatted(id, name));
        assertThat(registered.status()).isEqualTo(201);
        long position = registered.json().get("position").asLong();
        assertThat(api.get("/customers/" + id + "/profile?minPosition=" + position).status()).isEqualTo(200);
        return id;
    }
}
