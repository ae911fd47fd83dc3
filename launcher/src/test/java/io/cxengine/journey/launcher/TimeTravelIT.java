package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the company knew, and when: the state as recorded by a time, as happened by a time, and by version. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimeTravelIT extends EngineIntegration {


    @Test
    @DisplayName("asOf and occurredBy answer differently, and correctly, for a back-dated touchpoint")
    void backDatedTouchpoint() throws InterruptedException {
        Api api = new Api(port);
        String customer = UUID.randomUUID().toString();
        api.post("/customers", """
                {"customerId": "%s", "name": "Adele Goldberg", "identifiedVia": "IN_PERSON",
                 "occurredAt": "2026-01-01T09:00:00Z"}""".formatted(customer));
        api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "EMAIL", "direction": "OUTBOUND", "purpose": "welcome", "valence": "POSITIVE",
                 "occurredAt": "2026-01-02T09:00:00Z"}""");
        Thread.sleep(20);
        Instant beforeTheLetterWasLogged = Instant.now();
        Thread.sleep(20);
        // A letter the customer sent on 1 January is logged only now.
        api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "MAIL", "direction": "INBOUND", "purpose": "change of address", "valence": "NEUTRAL",
                 "occurredAt": "2026-01-01T12:00:00Z"}""");

        JsonNode known = state(api, customer, "asOf=" + beforeTheLetterWasLogged);
        assertThat(known.get("touchpoints").asInt()).as("the company did not yet know of the letter").isEqualTo(1);
        // The welcome e-mail went out without the customer's consent: recorded with its breach (version 2).
        assertThat(known.get("consentBreaches").asInt()).isEqualTo(1);
        assertThat(known.get("version").asLong()).isEqualTo(2);

        JsonNode happened = state(api, customer, "occurredBy=2026-01-01T23:59:59Z");
        assertThat(happened.get("touchpoints").asInt()).as("the letter had happened by 1 January").isEqualTo(1);
        assertThat(happened.get("lastContactAt").asText()).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(happened.get("consentBreaches").asInt()).as("the e-mail of 2 January had not happened").isZero();
        assertThat(happened.get("version").asLong()).isEqualTo(3);

        JsonNode now = state(api, customer, "");
        assertThat(now.get("touchpoints").asInt()).isEqualTo(2);
        assertThat(state(api, customer, "version=0").get("touchpoints").asInt()).isZero();
        assertThat(state(api, customer, "version=0").get("name").asText()).isEqualTo("Adele Goldberg");
    }

    @Test
    @DisplayName("each history entry can show what it changed in the state")
    void diffs() {
        Api api = new Api(port);
        String customer = UUID.randomUUID().toString();
        api.post("/customers", """
                {"customerId": "%s", "name": "Frances Spence", "identifiedVia": "IMPORT"}""".formatted(customer));
        String complaint = api.post("/customers/" + customer + "/complaints", """
                {"category": "DELIVERY_DELAY", "description": "late", "severity": "LOW"}""")
                .json().get("complaintId").asText();
        api.post("/customers/" + customer + "/complaints/" + complaint + "/acknowledgement", "{}");

        JsonNode events = api.get("/customers/" + customer + "/history?diff=true").json().get("events");

        assertThat(events.get(0).get("changes").findValuesAsText("path")).contains("/name", "/identifiedVia");
        assertThat(events.get(2).get("type").asText()).endsWith("CustomerAtRisk");
        assertThat(events.get(2).get("changes").findValuesAsText("path")).as("the complaint turned the customer at risk")
                .contains("/riskSigns", "/atRiskSince");
        JsonNode acknowledged = events.get(3).get("changes");
        assertThat(acknowledged.findValuesAsText("path"))
                .contains("/complaints/" + complaint + "/state", "/complaints/" + complaint + "/acknowledgedAt");
        for (JsonNode change : acknowledged) {
            if (change.get("path").asText().endsWith("/state")) {
                assertThat(change.get("before").asText()).isEqualTo("FILED");
                assertThat(change.get("after").asText()).isEqualTo("ACKNOWLEDGED");
            }
        }
        assertThat(api.get("/customers/" + customer + "/history?from=3&diff=true").json()
                .at("/events/0/changes")).isEqualTo(acknowledged);
    }

    private static JsonNode state(Api api, String customer, String query) {
        Api.Response response = api.get("/customers/" + customer + "/state?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("state");
    }
}
