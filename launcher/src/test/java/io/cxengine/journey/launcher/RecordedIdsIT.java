package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A bounded customer: the ids of a customer's touchpoints, complaints, follow-ups and orders are kept by the event
 * store under a unique key ({@code customer_fact_id}, filled by the store's trigger in each event's transaction), not
 * in the aggregate's memory or its snapshot; every rule that needs them still holds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RecordedIdsIT extends EngineIntegration {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    EmbeddedPostgresServer postgres;

    @Test
    @DisplayName("ids from before a snapshot that lists none of them: repeats refused, references found, the same order a repeat")
    void rulesOnIdsHoldFromASnapshot() {
        Api api = new Api(port);
        String customer = api.registerCustomer("Mary Somerville");
        String touchpoint = UUID.randomUUID().toString();
        String complaint = UUID.randomUUID().toString();
        String followUp = UUID.randomUUID().toString();
        ok(api.post("/customers/" + customer + "/touchpoints", """
                {"touchpointId": "%s", "channel": "PHONE", "direction": "INBOUND", "purpose": "billing",
                 "valence": "NEGATIVE"}""".formatted(touchpoint)));
        ok(api.post("/customers/" + customer + "/purchases", """
                {"orderId": "A-1", "amount": {"amount": "12.50", "currency": "GBP"}}"""));
        ok(api.post("/customers/" + customer + "/complaints", """
                {"complaintId": "%s", "touchpointId": "%s", "category": "BILLING_MISTAKE", "description": "twice",
                 "severity": "HIGH"}""".formatted(complaint, touchpoint)));
        ok(api.post("/customers/" + customer + "/complaints/" + complaint + "/resolution", "{\"resolution\": \"refunded\"}"));
        ok(api.post("/customers/" + customer + "/follow-ups", """
                {"followUpId": "%s", "dueAt": "%s", "channel": "PHONE", "purpose": "check"}"""
                .formatted(followUp, java.time.Instant.now().plus(Duration.ofDays(1)))));
        ok(api.post("/customers/" + customer + "/follow-ups/" + followUp + "/completion", """
                {"outcome": "happy", "valence": "POSITIVE"}"""));
        for (int i = 0; i < 6; i++) {
            ok(api.post("/customers/" + customer + "/touchpoints", """
                    {"channel": "CHAT", "direction": "INBOUND", "purpose": "question %d", "valence": "NEUTRAL"}"""
                    .formatted(i)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> snapshot(customer) != null);
        assertThat(snapshot(customer)).as("the snapshot keeps what is open, not the ids of the past")
                .doesNotContain(touchpoint, complaint, followUp, "A-1");

        assertRefused(api.post("/customers/" + customer + "/touchpoints", """
                {"touchpointId": "%s", "channel": "PHONE", "direction": "INBOUND", "purpose": "again",
                 "valence": "NEGATIVE"}""".formatted(touchpoint)), 409, "Touchpoint " + touchpoint + " is already recorded");
        assertRefused(api.post("/customers/" + customer + "/complaints", """
                {"complaintId": "%s", "category": "BILLING_MISTAKE", "description": "again", "severity": "HIGH"}"""
                .formatted(complaint)), 409, "Complaint " + complaint + " is already filed");
        assertRefused(api.post("/customers/" + customer + "/follow-ups/" + followUp + "/completion", """
                {"outcome": "again", "valence": "POSITIVE"}"""), 409, "Follow-up " + followUp + " is already completed");
        assertRefused(api.post("/customers/" + customer + "/purchases", """
                {"orderId": "A-1", "amount": {"amount": "13.00", "currency": "GBP"}}"""), 409,
                "Order A-1 is already recorded with 12.50 GBP");
        ok(api.post("/customers/" + customer + "/purchases", """
                {"orderId": "A-1", "amount": {"amount": "12.5", "currency": "GBP"}}"""));
        assertRefused(api.post("/customers/" + customer + "/complaints/" + complaint + "/resolution",
                "{\"resolution\": \"again\"}"), 409, "Complaint " + complaint + " is already resolved");
        ok(api.post("/customers/" + customer + "/apologies", """
                {"touchpointId": "%s", "reason": "WAIT", "by": "agent"}""".formatted(touchpoint)));
        ok(api.post("/customers/" + customer + "/complaints/" + complaint + "/reopening", "{\"reason\": \"still wrong\"}"));
        assertRefused(api.post("/customers/" + customer + "/complaints/" + complaint + "/proposals", """
                {"proposal": "before it was filed", "occurredAt": "2001-01-01T00:00:00Z"}"""), 409,
                "nothing can happen to it at 2001-01-01T00:00:00Z");
        ok(api.post("/customers/" + customer + "/complaints/" + complaint + "/proposals", "{\"proposal\": \"a credit\"}"));

        assertThat(StoredEvents.types(jdbc, customer)).as("nothing of the refusals, the repeated order once")
                .containsOnlyOnce("PurchaseRecorded", "ComplaintFiled", "ComplaintReopened", "SolutionProposed")
                .filteredOn("TouchpointRecorded"::equals).hasSize(7);
        assertThat(api.get("/customers/" + customer + "/history/verify").json().get("verified").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("the store itself refuses a second event with an id the customer has, whoever writes it")
    void theStoreKeepsIdsUnique() {
        Api api = new Api(port);
        String customer = api.registerCustomer("Emmy Noether");
        String touchpoint = UUID.randomUUID().toString();
        ok(api.post("/customers/" + customer + "/touchpoints", """
                {"touchpointId": "%s", "channel": "EMAIL", "direction": "INBOUND", "purpose": "a question",
                 "valence": "NEUTRAL"}""".formatted(touchpoint)));
        long before = StoredEvents.count(jdbc, customer);

        // The engine's own login, behind the aggregate's back: the stored touchpoint again, as the next event.
        assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                        time_stamp, payload_type, payload_revision, payload, meta_data)
                        SELECT :id, aggregate_identifier, :sequence, type, time_stamp, payload_type, payload_revision,
                               payload, meta_data
                          FROM domain_event_entry
                         WHERE aggregate_identifier = :customer AND payload_type LIKE '%TouchpointRecorded'""")
                .param("id", UUID.randomUUID().toString()).param("sequence", before)
                .param("customer", customer).update())
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("customer_fact_id_pk");
        assertThat(StoredEvents.count(jdbc, customer)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT kind || '/' || fact_id FROM customer_fact_id WHERE customer_id = :c")
                .param("c", customer).query(String.class).list()).containsExactly("TOUCHPOINT/" + touchpoint);
    }

    @Test
    @DisplayName("a store from before the key gets the ids of its stored events, once each, and loses its old snapshots")
    void migrationBackfillsTheIds() throws IOException {
        String schema = "ids_before_" + UUID.randomUUID().toString().substring(0, 8);
        JdbcClient owner = SchemaOwner.sql(postgres);
        owner.sql("CREATE SCHEMA " + schema).update();
        try {
            FluentConfiguration migrations = Flyway.configure()
                    .dataSource(postgres.jdbcUrl(), EmbeddedPostgresServer.SUPERUSER, "")
                    .schemas(schema).locations("classpath:db/migration/event-store")
                    .table("flyway_history_event_store");
            migrations.target("10").load().migrate();
            String customer = UUID.randomUUID().toString();
            List<String> golden = List.of("CustomerRegistered-r1.json", "TouchpointRecorded-r1.json",
                    "ComplaintFiled-r1.json", "FollowUpScheduled-r1.json", "PurchaseRecorded-r1.json",
                    "TouchpointRecorded-r2.json");
            for (int sequence = 0; sequence < golden.size(); sequence++) {
                JsonNode event = golden(golden.get(sequence));
                owner.sql("""
                                INSERT INTO %s.domain_event_entry (event_identifier, aggregate_identifier,
                                    sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                                VALUES (:id, :customer, :sequence, 'Customer', '2026-03-01T12:00:00Z', :type,
                                        :revision, :payload, :meta)""".formatted(schema))
                        .param("id", UUID.randomUUID().toString()).param("customer", customer)
                        .param("sequence", sequence).param("type", event.get("type").asText())
                        .param("revision", event.get("revision").asText())
                        .param("payload", event.get("payload").asText()
                                .replace(SchemaEvolutionIT.GOLDEN_CUSTOMER, customer).getBytes(StandardCharsets.UTF_8))
                        .param("meta", "{}".getBytes(StandardCharsets.UTF_8)).update();
            }
            owner.sql("""
                    INSERT INTO %s.snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (:customer, 5, 'Customer', :id, '2026-03-01T12:00:00Z', 'Customer', NULL,
                            convert_to('{}', 'UTF8'), convert_to('{}', 'UTF8'))""".formatted(schema))
                    .param("customer", customer).param("id", UUID.randomUUID().toString()).update();

            migrations.target("latest").load().migrate();

            List<Map<String, Object>> ids = owner.sql("SELECT kind, fact_id, detail FROM %s.customer_fact_id ORDER BY kind"
                    .formatted(schema)).query().listOfRows();
            assertThat(ids).extracting(row -> row.get("kind") + " " + row.get("fact_id") + " " + row.get("detail"))
                    .containsExactly(
                            "COMPLAINT 606dac41-5a75-4aa8-9713-6ba09bf507aa 2026-03-01T12:00:00.123456Z",
                            "FOLLOW_UP 5d137bf2-c141-43a5-af0e-798430ce102b ",
                            "ORDER 536365 1234.5600 GBP",
                            "TOUCHPOINT 19bed1cd-1c4c-4c9c-b5f3-f08b485194d3 ");
            assertThat(owner.sql("SELECT count(*) FROM %s.snapshot_event_entry".formatted(schema))
                    .query(Long.class).single()).isZero();
        } finally {
            owner.sql("DROP SCHEMA " + schema + " CASCADE").update();
        }
    }

    private String snapshot(String customer) {
        return jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry WHERE aggregate_identifier = :c
                         ORDER BY sequence_number DESC LIMIT 1""")
                .param("c", customer).query(String.class).optional().orElse(null);
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream file = RecordedIdsIT.class.getResourceAsStream("/golden/" + name)) {
            return JSON.readTree(file);
        }
    }

    private static void assertRefused(Api.Response response, int status, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().get("detail").asText()).contains(detail);
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
    }
}
