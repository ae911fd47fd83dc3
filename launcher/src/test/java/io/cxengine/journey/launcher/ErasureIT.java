package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.cxengine.journey.query.operations.Projections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The right to be forgotten by crypto-shredding: a unique canary planted in every personal field is, after erasure and
 * a rebuild of every projection, nowhere in the database (every row of every table, as a dump would show it, bytes
 * included) and nowhere in the logs; the journey's facts and figures stay, and the hash chain still verifies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ErasureIT extends EngineIntegration {

    @Autowired
    EmbeddedPostgresServer postgres;
    /** As the owner, who sees every table; the engine's login sees only those it was granted. */
    JdbcClient jdbc;
    @Autowired
    Projections projections;

    @BeforeEach
    void asOwner() {
        jdbc = SchemaOwner.sql(postgres);
    }

    @Test
    @DisplayName("after erasure and a full rebuild the canary is in no table and no log; facts, figures and the chain stay")
    void forgetTheCustomer(CapturedOutput logs) {
        String canary = "Canary" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String digits = String.valueOf(100_000_000L + (long) (Math.random() * 800_000_000L));
        String customer = UUID.randomUUID().toString();
        Api api = new Api(port);
        String c = "/customers/" + customer;
        ok(api.post("/customers", """
                {"customerId": "%s", "name": "%s Lovelace", "email": "%s@example.com", "phone": "+44 %s",
                 "identifiedVia": "CALLER_ID",
                 "attributes": [{"kind": "DEMOGRAPHIC", "name": "religion", "value": "%s faith", "explicitConsent": true},
                                {"kind": "PSYCHOGRAPHIC", "name": "hobby", "value": "%s watching"}]}"""
                .formatted(customer, canary, canary.toLowerCase(), digits, canary, canary)));
        String touchpoint = ok(api.post(c + "/touchpoints", """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "%s question", "valence": "NEGATIVE",
                 "note": "%s said so"}""".formatted(canary, canary))).get("touchpointId").asText();
        String complaint = ok(api.post(c + "/complaints", """
                {"category": "OTHER", "otherCategory": "%s parking", "description": "%s complained",
                 "severity": "HIGH", "touchpointId": "%s"}""".formatted(canary, canary, touchpoint)))
                .get("complaintId").asText();
        ok(api.post(c + "/complaints/" + complaint + "/acknowledgement", "{}"));
        ok(api.post(c + "/complaints/" + complaint + "/proposals", "{\"proposal\": \"%s refund\"}".formatted(canary)));
        ok(api.post(c + "/complaints/" + complaint + "/agreement", "{\"promisedBy\": \"%s\"}"
                .formatted(Instant.now().plus(Duration.ofDays(3)))));
        ok(api.post(c + "/complaints/" + complaint + "/resolution", "{\"resolution\": \"%s refunded\"}".formatted(canary)));
        ok(api.post(c + "/complaints/" + complaint + "/reopening", "{\"reason\": \"%s again\"}".formatted(canary)));
        String followUp = ok(api.post(c + "/follow-ups", """
                {"dueAt": "%s", "channel": "PHONE", "purpose": "%s call"}"""
                .formatted(Instant.now().plus(Duration.ofDays(1)), canary))).get("followUpId").asText();
        ok(api.post(c + "/follow-ups/" + followUp + "/completion", """
                {"outcome": "%s happy", "valence": "POSITIVE"}""".formatted(canary)));
        ok(api.post(c + "/surveys", """
                {"kind": "CSAT", "score": 4, "comment": "%s liked it", "answers": {"why": "%s reasons"}}"""
                .formatted(canary, canary)));
        ok(api.post(c + "/purchases", "{\"orderId\": \"E-1\", \"amount\": {\"amount\": \"20.00\", \"currency\": \"GBP\"}}"));
        ok(api.post(c + "/loss", "{\"reason\": \"COMPETITOR\", \"detail\": \"%s left\"}".formatted(canary)));
        ok(api.post(c + "/win-back-attempts", "{\"offer\": \"%s discount\", \"channel\": \"MAIL\"}".formatted(canary)));
        long before = ok(api.get(c + "/history")).get("totalEvents").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> !tablesHolding(canary).isEmpty());

        JsonNode receipt = ok(api.delete(c + "/personal-data"));
        assertThat(receipt.get("version").asLong()).isEqualTo(before);

        Rebuilds.everyProjection(projections);
        long head = StoredEvents.head(jdbc);
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> projections.names().forEach(name ->
                assertThat(projections.status(name).position()).as(name).isGreaterThanOrEqualTo(head)));

        assertThat(tablesHolding(canary)).as("tables still holding the canary").isEmpty();
        assertThat(tablesHolding(digits)).as("tables still holding the phone number").isEmpty();
        assertThat(logs.getAll()).doesNotContain(canary).doesNotContain(digits);

        JsonNode history = ok(api.get(c + "/history"));
        assertThat(history.get("totalEvents").asLong()).isEqualTo(before + 1);
        assertThat(history.at("/events/0/payload/name").asText()).isEqualTo("[erased]");
        assertThat(history.at("/events/0/payload/identifiedVia").asText()).isEqualTo("CALLER_ID");
        assertThat(ok(api.get(c + "/history/verify")).get("verified").asBoolean()).isTrue();
        assertThat(ok(api.get(c + "/state")).at("/state/name").asText()).isEqualTo("[erased]");

        JsonNode profile = ok(api.get(c + "/profile"));
        assertThat(profile.get("status").asText()).isEqualTo("FORGOTTEN");
        assertThat(profile.at("/value/purchases").asInt()).as("the figures stay").isEqualTo(1);
        // The win-back letter went out without the customer's consent: its breach is on the timeline too.
        assertThat(ok(api.get(c + "/timeline?limit=100")).get("moments")).as("the moments stay").hasSize(14);
        assertThat(ok(api.get(c + "/briefing")).get("fullName").asText()).isEqualTo("[erased]");
    }

    /** Every table, in every schema of the engine, whose rows (as text, bytes in hex) contain the value. */
    private List<String> tablesHolding(String value) {
        String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
        List<String> holding = new ArrayList<>();
        for (String table : jdbc.sql("""
                        SELECT table_schema || '.' || table_name FROM information_schema.tables
                         WHERE table_schema IN ('public', 'read_model') AND table_type = 'BASE TABLE'""")
                .query(String.class).list()) {
            long rows = jdbc.sql("SELECT count(*) FROM " + table + " t WHERE position(:value IN CAST(t.* AS text)) > 0"
                            + " OR position(:hex IN lower(CAST(t.* AS text))) > 0")
                    .param("value", value).param("hex", hex).query(Long.class).single();
            if (rows > 0) {
                holding.add(table);
            }
        }
        return holding;
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
        return response.json();
    }
}
