package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What auditors read: the complete history with its provenance, and the tamper evidence of the hash chain. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditHistoryIT extends EngineIntegration {

    @Autowired
    EmbeddedPostgresServer postgres;
    String customer;

    @BeforeEach
    void journey() {
        customer = UUID.randomUUID().toString();
        post("/customers", """
                {"customerId": "%s", "name": "Barbara Liskov", "identifiedVia": "CALLER_ID", "consents": ["EMAIL"]}"""
                .formatted(customer), "X-Correlation-Id", "audit-1", "Idempotency-Key", "reg-" + customer);
        post("/customers/" + customer + "/touchpoints", """
                {"channel": "FAX", "direction": "INBOUND", "purpose": "complaint letter", "valence": "NEGATIVE",
                 "occurredAt": "2026-01-15T10:00:00Z"}""", "X-Correlation-Id", "audit-2");
        post("/customers/" + customer + "/purchases", """
                {"orderId": "O-1", "amount": {"amount": "12.50", "currency": "EUR"}}""", "X-Correlation-Id", "audit-3");
    }

    @Test
    @DisplayName("the history has every event from sequence 0, oldest first, with type, revision, positions, times and provenance")
    void history() {
        JsonNode page = api.get("/customers/" + customer + "/history").json();

        assertThat(page.get("totalEvents").asLong()).isEqualTo(storedCount());
        JsonNode events = page.get("events");
        assertThat(events).hasSize(4);
        assertThat(events.findValuesAsText("type")).containsExactly(
                "CustomerRegistered",
                "ConsentGranted",
                "TouchpointRecorded",
                "PurchaseRecorded");
        assertThat(events.findValuesAsText("revision")).containsExactly("1", "1", "6", "3");
        List<Long> sequences = new ArrayList<>();
        events.forEach(event -> sequences.add(event.get("sequence").asLong()));
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L);
        assertThat(events.get(3).get("globalPosition").asLong()).isGreaterThan(events.get(0).get("globalPosition").asLong());
        JsonNode letter = events.get(2);
        assertThat(letter.get("occurredAt").asText()).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(letter.get("recordedAt").asText()).isNotEqualTo(letter.get("occurredAt").asText());
        assertThat(letter.at("/payload/purpose").asText()).isEqualTo("complaint letter");
        assertThat(letter.at("/payload/customerId").asText()).isEqualTo(customer);
        assertThat(letter.at("/provenance/correlationId").asText()).isEqualTo("audit-2");
        assertThat(letter.at("/provenance/principal").asText()).isEqualTo("test-system");
        assertThat(letter.at("/provenance/system").asText()).isEqualTo("test-client");
        assertThat(letter.at("/provenance/causationId").asText()).isNotBlank();
        assertThat(events.get(0).at("/provenance/idempotencyKey").asText()).isEqualTo("reg-" + customer);
        assertThat(events.get(1).get("previousHash").asText()).isEqualTo(events.get(0).get("hash").asText());

        JsonNode first = api.get("/customers/" + customer + "/history?limit=3").json();
        assertThat(first.get("events")).hasSize(3);
        assertThat(first.get("nextFrom").asLong()).isEqualTo(3);
        JsonNode second = api.get("/customers/" + customer + "/history?from=3&limit=3").json();
        assertThat(second.get("events")).hasSize(1);
        assertThat(second.get("nextFrom").isNull()).isTrue();
        assertThat(api.get("/customers/" + customer + "/history?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/customers/" + UUID.randomUUID() + "/history").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("the history exports as NDJSON, one event per line")
    void ndjson() throws Exception {
        Api.Response export = api.get("/customers/" + customer + "/history", "Accept", "application/x-ndjson");

        assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
        String[] lines = export.body().split("\n");
        assertThat(lines).hasSize((int) storedCount());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.length; i++) {
            assertThat(json.readTree(lines[i]).get("sequence").asInt()).isEqualTo(i);
        }
    }

    @Test
    @DisplayName("an unaltered history verifies; flipping one byte of one stored payload makes verify name that event")
    void tamperEvidence() {
        JsonNode intact = api.get("/customers/" + customer + "/history/verify").json();
        assertThat(intact.get("verified").asBoolean()).isTrue();
        assertThat(intact.get("events").asLong()).isEqualTo(4);
        String last = api.get("/customers/" + customer + "/history?from=3").json().at("/events/0/hash").asText();
        assertThat(intact.get("headHash").asText()).isEqualTo(last);

        String altered = jdbc.sql("""
                        SELECT event_identifier FROM domain_event_entry
                         WHERE aggregate_identifier = :c AND sequence_number = 2""")
                .param("c", customer).query(String.class).single();
        SchemaOwner.sql(postgres).sql("""
                        UPDATE domain_event_entry SET payload = set_byte(payload, 20, get_byte(payload, 20) # 1)
                         WHERE event_identifier = :e""")
                .param("e", altered).update();

        JsonNode broken = api.get("/customers/" + customer + "/history/verify").json();
        assertThat(broken.get("verified").asBoolean()).isFalse();
        assertThat(broken.at("/firstBroken/sequence").asLong()).isEqualTo(2);
        assertThat(broken.at("/firstBroken/eventIdentifier").asText()).isEqualTo(altered);
        assertThat(broken.at("/firstBroken/reason").asText()).isEqualTo("EVENT_ALTERED");
    }

    @Test
    @DisplayName("removing a stored event breaks the chain at the gap")
    void removedEvent() {
        SchemaOwner.sql(postgres).sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = :c AND sequence_number = 1")
                .param("c", customer).update();

        JsonNode broken = api.get("/customers/" + customer + "/history/verify").json();

        assertThat(broken.get("verified").asBoolean()).isFalse();
        assertThat(broken.at("/firstBroken/sequence").asLong()).isEqualTo(1);
        assertThat(broken.at("/firstBroken/reason").asText()).isEqualTo("EVENT_MISSING");
    }

    private long storedCount() {
        return StoredEvents.count(jdbc, customer);
    }

    private void post(String path, String body, String... headers) {
        Api.Response response = api.post(path, body, headers);
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
    }
}
