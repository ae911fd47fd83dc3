package io.cxengine.journey.launcher;

import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Long histories load from snapshots (every 5 events in the tests), and the snapshots change neither the decisions
 * nor what auditors read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SnapshotIT extends EngineIntegration {

    @Autowired
    EmbeddedPostgresServer postgres;

    @Test
    @DisplayName("with snapshots present, the rules hold and the history still returns exactly every stored event")
    void snapshots() {
        Api api = new Api(port);
        String customer = UUID.randomUUID().toString();
        ok(api.post("/customers", """
                {"customerId": "%s", "name": "Kathleen Booth", "identifiedVia": "IMPORT"}""".formatted(customer)));
        String early = api.post("/customers/" + customer + "/complaints", """
                {"category": "BAD_QUALITY", "description": "cracked", "severity": "LOW"}""").json()
                .get("complaintId").asText();
        String resolved = api.post("/customers/" + customer + "/complaints", """
                {"category": "DELIVERY_DELAY", "description": "late", "severity": "LOW"}""").json()
                .get("complaintId").asText();
        ok(api.post("/customers/" + customer + "/complaints/" + resolved + "/resolution", "{\"resolution\": \"sent\"}"));
        for (int i = 0; i < 20; i++) {
            ok(api.post("/customers/" + customer + "/touchpoints", """
                    {"channel": "CHAT", "direction": "INBOUND", "purpose": "question %d", "valence": "NEUTRAL"}"""
                    .formatted(i)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> snapshotCount(customer) > 0);

        assertThat(api.post("/customers/" + customer + "/complaints/" + resolved + "/resolution",
                "{\"resolution\": \"again\"}").status()).as("resolved before the snapshot stays resolved").isEqualTo(409);
        ok(api.post("/customers/" + customer + "/complaints/" + early + "/acknowledgement", "{}"));
        assertThat(api.post("/customers/" + customer + "/complaints/" + early + "/acknowledgement", "{}").status())
                .isEqualTo(409);

        long stored = StoredEvents.count(jdbc, customer);
        var history = api.get("/customers/" + customer + "/history?limit=1000").json();
        assertThat(history.get("totalEvents").asLong()).isEqualTo(stored);
        assertThat(history.get("events")).hasSize((int) stored);
        assertThat(history.at("/events/0/type").asText()).endsWith("CustomerRegistered");
        assertThat(api.get("/customers/" + customer + "/history/verify").json().get("verified").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("a command on a customer with a snapshot reads no event from before the snapshot")
    void loadsFromTheSnapshot() {
        Api api = new Api(port);
        String customer = UUID.randomUUID().toString();
        ok(api.post("/customers", """
                {"customerId": "%s", "name": "Grace Hopper", "identifiedVia": "IMPORT"}""".formatted(customer)));
        for (int i = 0; i < 12; i++) {
            ok(api.post("/customers/" + customer + "/touchpoints", """
                    {"channel": "CHAT", "direction": "INBOUND", "purpose": "question %d", "valence": "NEUTRAL"}"""
                    .formatted(i)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> snapshotCount(customer) > 0);
        long snapshotAt = jdbc.sql("SELECT max(sequence_number) FROM snapshot_event_entry WHERE aggregate_identifier = :c")
                .param("c", customer).query(Long.class).single();
        // Only a load that starts from the snapshot survives an unreadable event before it.
        SchemaOwner.sql(postgres).sql("""
                        UPDATE domain_event_entry SET payload = convert_to('not an event', 'UTF8')
                         WHERE aggregate_identifier = :c AND sequence_number = 1""")
                .param("c", customer).update();
        assertThat(snapshotAt).isGreaterThan(1);

        ok(api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "after the snapshot", "valence": "POSITIVE"}"""));
    }

    private long snapshotCount(String customer) {
        return jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = :c")
                .param("c", customer).query(Long.class).single();
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
    }
}
