package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each write's receipt (ETag, {@code version}, {@code position}) describes the write's own last event, also when
 * many writers write to one customer at once, and a replay of its key answers that same receipt.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WriteReceiptIT extends EngineIntegration {

    private static final int WRITERS = 32;

    String customer;

    @BeforeEach
    void newCustomer() {
        customer = api.registerCustomer("Leslie Lamport");
    }

    @Test
    @DisplayName("32 concurrent writers on one customer: every 2xx names its own event by version and position, no two alike")
    void concurrentWritersGetTheirOwnReceipts() throws Exception {
        String run = UUID.randomUUID().toString();
        List<Api.Response> answers = Race.responses(WRITERS, writer -> api.post(touchpoints(), """
                {"channel": "CHAT", "direction": "INBOUND", "purpose": "writer %d", "valence": "NEUTRAL"}"""
                .formatted(writer), "Idempotency-Key", key(run, writer)));

        Map<Long, JsonNode> history = history();
        Set<Long> versions = new HashSet<>();
        Map<String, Long> keptVersions = new HashMap<>();
        int recorded = 0;
        for (int writer = 0; writer < WRITERS; writer++) {
            Api.Response answer = answers.get(writer);
            if (answer.status() == 409) {
                continue; // a concurrent write won; nothing of this writer was recorded
            }
            assertThat(answer.status()).as("writer %d: %s", writer, answer).isEqualTo(201);
            recorded++;
            long version = answer.json().get("version").asLong();
            long position = answer.json().get("position").asLong();
            assertThat(answer.header("ETag")).isEqualTo("\"" + version + "\"");
            JsonNode event = history.get(version);
            assertThat(event).as("writer %d: version %d is an event of the customer", writer, version).isNotNull();
            assertThat(event.at("/provenance/idempotencyKey").asText())
                    .as("writer %d: version %d is the event this writer recorded", writer, version)
                    .isEqualTo(key(run, writer));
            assertThat(event.at("/payload/purpose").asText()).isEqualTo("writer " + writer);
            assertThat(event.get("globalPosition").asLong())
                    .as("writer %d: position %d is that of its own event", writer, position).isEqualTo(position);
            assertThat(versions.add(version)).as("writer %d: version %d answered twice", writer, version).isTrue();
            keptVersions.put(key(run, writer), version);
        }
        assertThat(recorded).isGreaterThan(WRITERS / 2);
        keptVersions.forEach((key, version) ->
                assertThat(storedVersion(key)).as("the record of key %s keeps its version", key).isEqualTo(version));

        Api.Response first = answers.stream().filter(answer -> answer.status() == 201).findFirst().orElseThrow();
        int writer = answers.indexOf(first);
        Api.Response replay = api.post(touchpoints(), """
                {"channel": "CHAT", "direction": "INBOUND", "purpose": "writer %d", "valence": "NEUTRAL"}"""
                .formatted(writer), "Idempotency-Key", key(run, writer));
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(replay.json().get("version")).isEqualTo(first.json().get("version"));
        assertThat(replay.json().get("position")).isEqualTo(first.json().get("position"));
        assertThat(history()).hasSameSizeAs(history);
    }

    @Test
    @DisplayName("a repeated fact records nothing and answers the customer's current version and position")
    void repeatedFactAnswersTheCurrentVersion() {
        String purchase = """
                {"orderId": "R-1", "amount": {"amount": "9.99", "currency": "EUR"}}""";
        Api.Response first = api.post("/customers/" + customer + "/purchases", purchase);
        assertThat(first.status()).isEqualTo(200);
        Api.Response later = api.post(touchpoints(), """
                {"channel": "CHAT", "direction": "INBOUND", "purpose": "after the purchase", "valence": "NEUTRAL"}""");
        assertThat(later.status()).isEqualTo(201);

        Api.Response again = api.post("/customers/" + customer + "/purchases", purchase);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("ETag")).isEqualTo(later.header("ETag"));
        assertThat(again.json().get("version")).isEqualTo(later.json().get("version"));
        assertThat(again.json().get("position")).isEqualTo(later.json().get("position"));
        assertThat(history()).hasSize(3);
    }

    private Map<Long, JsonNode> history() {
        Api auditor = Api.withScopes(port, "journey.audit");
        JsonNode page = auditor.get("/customers/" + customer + "/history?limit=1000").json();
        Map<Long, JsonNode> events = new HashMap<>();
        page.get("events").forEach(event -> events.put(event.get("sequence").asLong(), event));
        return events;
    }

    private Long storedVersion(String key) {
        return jdbc.sql("SELECT version FROM idempotency_record WHERE client_id = 'test-client' AND idempotency_key = :key")
                .param("key", key)
                .query((row, number) -> (Long) row.getObject("version"))
                .single();
    }

    private String touchpoints() {
        return "/customers/" + customer + "/touchpoints";
    }

    private static String key(String run, int writer) {
        return "receipt-" + run + "-" + writer;
    }
}
