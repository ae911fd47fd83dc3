package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengine.journey.benchmarks.JourneyGenerator;
import io.cxengine.journey.command.recording.JourneyCommands;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.cxengine.journey.query.operations.Projections;
import io.cxengine.journey.query.operations.RebuildStatus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild reads the store once into copies of the projections' tables and swaps them in: the live tables answer,
 * whole, all the while; the swapped-in tables hold what the live ones held, row for row, under the same names, keys,
 * triggers, grants and analyst views; and the hand-over to the live projections neither loses nor doubles an event
 * appended during the rebuild.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RebuildSwapIT extends EngineIntegration {

    @Autowired
    JourneyCommands commands;
    @Autowired
    Projections projections;
    @Autowired
    EventStore events;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EmbeddedPostgresServer postgres;
    /** Reads every table and its definition, and plants a trigger: the engine's own login may not. */
    JdbcClient owner;
    @RegisterExtension
    final PlantedBugs bugs = new PlantedBugs();

    @BeforeEach
    void asOwner() {
        owner = SchemaOwner.sql(postgres);
    }

    @Test
    @DisplayName("the live tables answer during a rebuild; the swapped-in ones are the same rows under the same schema, "
            + "and events appended meanwhile are in them once")
    void rebuildSwapsInTheSameViews() throws Exception {
        new JourneyGenerator(20261206L, JourneyGenerator.CommandSink.inProcess(commands)).run(60, 1200);
        awaitCaughtUp();
        Map<String, String> live = digests();
        Map<String, String> schema = schema();

        RebuildStatus quiet = Rebuilds.everyProjection(projections);
        awaitCaughtUp();
        assertThat(quiet.projections()).containsExactlyElementsOf(projections.views())
                .doesNotContain("events-out-webhooks");
        assertThat(quiet.parked().values()).allMatch(parked -> parked == 0);
        assertThat(digests()).as("every read-model table, row for row").isEqualTo(live);
        assertThat(schema()).as("names, keys, indexes, grants and the analysts' views").isEqualTo(schema);
        assertThat(owner.sql("SELECT count(*) FROM pg_tables WHERE schemaname IN ('read_model_shadow', 'read_model_retired')")
                .query(Long.class).single()).as("no copy or replaced table left behind").isZero();

        long moments = moments();
        CompletableFuture<?> writing = CompletableFuture.supplyAsync(() ->
                new JourneyGenerator(20261207L, JourneyGenerator.CommandSink.inProcess(commands)).run(30, 600));
        projections.rebuild(List.of());
        long watched = 0;
        long fewest = Long.MAX_VALUE;
        while (projections.rebuildStatus().orElseThrow().running()) {
            fewest = Math.min(fewest, moments());
            watched++;
            Thread.sleep(5);
        }
        Rebuilds.awaitFinished(projections);
        writing.get();
        awaitCaughtUp();
        assertThat(watched).as("reads while the rebuild ran").isPositive();
        assertThat(fewest).as("the live timeline never emptied or shrank during the rebuild").isGreaterThanOrEqualTo(moments);
        Map<String, String> handedOver = digests();
        assertThat(handedOver).isNotEqualTo(live);

        Rebuilds.everyProjection(projections);
        awaitCaughtUp();
        assertThat(handedOver).as("the views after the hand-over against a rebuild with nothing arriving")
                .isEqualTo(digests());
    }

    @Test
    @DisplayName("an event a projection cannot take during a rebuild is parked in its dead-letter queue at the swap; "
            + "the rest goes on, and a retry after the fix repairs the view")
    void poisonDuringARebuild() {
        Api api = new Api(port);
        String poisoned = api.registerCustomer("Poisoned In Rebuild");
        String healthy = api.registerCustomer("Healthy In Rebuild");
        purchase(api, poisoned, "R-1");
        purchase(api, healthy, "R-2");
        awaitCaughtUp();
        bugs.plant(owner, "rebuild_poison", "UPDATE", "read_model.customer_profile",
                "NEW.customer_id = '%s' AND NEW.purchase_count > OLD.purchase_count".formatted(poisoned),
                "the profile projection has a bug with this customer");

        RebuildStatus rebuilt = Rebuilds.everyProjection(projections);
        awaitCaughtUp();

        assertThat(rebuilt.parked()).containsEntry("customer-profile", 1);
        assertThat(rebuilt.parked()).allSatisfy((name, parked) -> {
            if (!name.equals("customer-profile")) {
                assertThat(parked).as(name).isZero();
            }
        });
        JsonNode letters = api.get("/admin/projections/customer-profile/dead-letters").json();
        assertThat(letters.findValuesAsText("customerId")).containsExactly(poisoned);
        assertThat(api.get("/customers/" + poisoned + "/profile").json().at("/value/purchases").asInt()).isZero();
        assertThat(api.get("/customers/" + healthy + "/profile").json().at("/value/purchases").asInt()).isEqualTo(1);
        assertThat(api.get("/customers/" + poisoned + "/timeline").json().get("moments"))
                .as("the other projections took the event").isNotEmpty();

        bugs.removeAll();
        JsonNode retry = api.post("/admin/projections/customer-profile/dead-letters/retry", "").json();
        assertThat(retry.get("stillParked").asLong()).isZero();
        assertThat(api.get("/customers/" + poisoned + "/profile").json().at("/value/purchases").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("over HTTP: 400 unless the body says which, 202 with the rebuild's status, 409 while one runs")
    void rebuildOverHttp() {
        Api api = new Api(port);
        new JourneyGenerator(20261208L, JourneyGenerator.CommandSink.inProcess(commands)).run(20, 300);
        Api.Response vague = api.post("/admin/projections/rebuild", "{}");
        assertThat(vague.status()).isEqualTo(400);
        assertThat(vague.json().get("type").asText()).endsWith("invalid-request");
        assertThat(api.post("/admin/projections/rebuild", "{\"projections\": [\"no-such-projection\"]}").status())
                .isEqualTo(404);

        Api.Response started = api.post("/admin/projections/rebuild", "{\"projections\": [\"moment-of-truth\", \"analytics\"]}");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("projections")).hasSize(2);
        Api.Response second = api.post("/admin/projections/rebuild", "{\"all\": true}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("type").asText()).endsWith("rebuild-running");

        Rebuilds.awaitFinished(projections);
        JsonNode finished = api.get("/admin/projections/rebuild").json();
        assertThat(finished.get("state").asText()).isEqualTo("FINISHED");
        assertThat(finished.get("percentage").decimalValue()).isEqualByComparingTo("100");
        assertThat(finished.get("events").asLong()).isGreaterThanOrEqualTo(finished.get("target").asLong());
    }

    @Test
    @DisplayName("another instance holding a segment: 409 projection-in-use at once, and nothing starts")
    void heldElsewhere() {
        StreamingEventProcessor lostAccount = processing.eventProcessor("lost-account", StreamingEventProcessor.class)
                .orElseThrow();
        lostAccount.shutDown();
        try {
            owner.sql("""
                    UPDATE token_entry SET owner = 'elsewhere@host/0000', time_stamp = :now
                     WHERE processor_name = 'lost-account'
                       AND segment = (SELECT min(segment) FROM token_entry WHERE processor_name = 'lost-account')""")
                    .param("now", Instant.now().toString()).update();
            Api.Response refused = new Api(port).post("/admin/projections/rebuild",
                    "{\"projections\": [\"lost-account\"]}");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("type").asText()).endsWith("projection-in-use");
            assertThat(projections.rebuildStatus().map(RebuildStatus::running)).isNotEqualTo(Optional.of(true));
        } finally {
            owner.sql("UPDATE token_entry SET owner = NULL WHERE processor_name = 'lost-account'").update();
            lostAccount.start();
        }
    }

    private void awaitCaughtUp() {
        long head = events.createHeadToken().position().orElse(0);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                projections.names().forEach(name -> {
                    var status = projections.status(name);
                    assertThat(status.replaying()).as(name + " rebuilding").isFalse();
                    assertThat(status.position()).as(name).isGreaterThanOrEqualTo(head);
                }));
    }

    private long moments() {
        return owner.sql("SELECT count(*) FROM read_model.moment_of_truth").query(Long.class).single();
    }

    /** Every read-model table's rows, as a count and a digest independent of their physical order. */
    private Map<String, String> digests() {
        Map<String, String> digests = new TreeMap<>();
        for (String table : owner.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'read_model'")
                .query(String.class).list()) {
            digests.put(table, owner.sql("""
                    SELECT count(*) || ':' || COALESCE(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '')
                      FROM read_model.%s t""".formatted(table)).query(String.class).single());
        }
        return digests;
    }

    /** What a migration made of the read-model schema: tables, columns, indexes, constraints, grants, views. */
    private Map<String, String> schema() {
        Map<String, String> schema = new TreeMap<>();
        owner.sql("""
                SELECT c.relname, pg_get_indexdef(i.indexrelid)
                  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'read_model'""")
                .query((row, n) -> schema.put("index " + row.getString(1), row.getString(2))).list();
        owner.sql("""
                SELECT conname, conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                 WHERE connamespace = 'read_model'::regnamespace""")
                .query((row, n) -> schema.put("constraint " + row.getString(1), row.getString(2))).list();
        owner.sql("""
                SELECT relname, COALESCE(relacl::text, '') || ' ' || relowner::regrole::text || ' '
                       || (SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull, ', ' ORDER BY attnum)
                             FROM pg_attribute WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped)
                  FROM pg_class c WHERE relnamespace = 'read_model'::regnamespace AND relkind = 'r'""")
                .query((row, n) -> schema.put("table " + row.getString(1), row.getString(2))).list();
        owner.sql("""
                SELECT table_schema || '.' || table_name, view_definition FROM information_schema.views
                 WHERE table_schema = 'analyst'""")
                .query((row, n) -> schema.put("view " + row.getString(1), row.getString(2))).list();
        assertThat(schema.keySet()).anyMatch(key -> key.startsWith("view ")).anyMatch(key -> key.startsWith("index "));
        return schema;
    }

    @Test
    @DisplayName("the profile's counters summed per customer and batch: a rebuild (one batch) gives what the live events gave")
    void countersSummedPerBatch() {
        Api api = new Api(port);
        String customer = api.registerCustomer("Counted In Batches");
        touchpoint(api, customer, "CHAT", "INBOUND", "2026-03-02T09:15:00Z");
        touchpoint(api, customer, "CHAT", "INBOUND", "2026-03-02T09:40:00Z");
        touchpoint(api, customer, "EMAIL", "OUTBOUND", "2026-03-02T10:00:00Z");
        touchpoint(api, customer, "PHONE", "INBOUND", "2026-03-03T14:05:00Z");
        purchase(api, customer, "F-1", "10.005", "GBP", "2026-03-04T12:00:00Z");
        purchase(api, customer, "F-2", "20.00", "EUR", "2026-03-01T12:00:00Z");
        purchase(api, customer, "F-3", "5.50", "GBP", "2026-03-05T12:00:00Z");
        awaitCaughtUp();
        Map<String, Object> live = counters(customer);
        assertThat(live).containsEntry("inbound_channels", "{\"CHAT\": 2, \"PHONE\": 1}")
                .containsEntry("purchase_count", 3)
                .containsEntry("revenue", "15.51")
                .containsEntry("currency", "GBP")
                .containsEntry("first_purchase_at", "2026-03-01 12:00")
                .containsEntry("last_purchase_at", "2026-03-05 12:00");
        assertThat((String) live.get("contact_hours")).isEqualTo("{0,0,0,0,0,0,0,0,0,2,0,0,0,0,1,0,0,0,0,0,0,0,0,0}");

        Rebuilds.everyProjection(projections);
        awaitCaughtUp();

        assertThat(counters(customer)).isEqualTo(live);
    }

    private Map<String, Object> counters(String customer) {
        return owner.sql("""
                        SELECT inbound_channels::text AS inbound_channels, contact_hours::text AS contact_hours,
                               purchase_count, revenue::text AS revenue, currency,
                               to_char(first_purchase_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS first_purchase_at,
                               to_char(last_purchase_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS last_purchase_at
                          FROM read_model.customer_profile WHERE customer_id = CAST(:customer AS UUID)""")
                .param("customer", customer).query().singleRow();
    }

    private static void touchpoint(Api api, String customer, String channel, String direction, String at) {
        assertThat(api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "%s", "direction": "%s", "purpose": "counted", "valence": "NEUTRAL", "occurredAt": "%s"}"""
                .formatted(channel, direction, at)).status()).isEqualTo(201);
    }

    private static void purchase(Api api, String customer, String order, String amount, String currency, String at) {
        Api.Response recorded = api.post("/customers/" + customer + "/purchases", """
                {"orderId": "%s", "amount": {"amount": "%s", "currency": "%s"}, "occurredAt": "%s"}"""
                .formatted(order, amount, currency, at));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
    }

    private static void purchase(Api api, String customer, String order) {
        assertThat(api.post("/customers/" + customer + "/purchases", """
                {"orderId": "%s", "amount": {"amount": "10.00", "currency": "EUR"}}""".formatted(order)).status())
                .isEqualTo(200);
    }
}
