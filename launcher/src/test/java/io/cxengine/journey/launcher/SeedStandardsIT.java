package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Through the API: the seeds' three-ring and one-day standards, and contact only where welcome. What the engine
 * records, what the auditor's history shows, and what the analysts' figures count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SeedStandardsIT extends EngineIntegration {

    @Test
    @DisplayName("an inbound call answered after three rings is recorded with its breach; one answered in time is kept")
    void threeRings() {
        String customer = register("[]");
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String quick = call(customer, 12, at);
        String slow = call(customer, 95, at.plusSeconds(600));

        // The late answer weighs on the relationship with the breach it records: the customer turns at risk.
        assertThat(StoredEvents.types(jdbc, customer)).containsExactly("CustomerRegistered", "TouchpointRecorded",
                "TouchpointRecorded", "ServiceStandardBreached", "CustomerAtRisk");
        JsonNode breach = auditedEvents(customer).get(3);
        assertThat(breach.at("/payload/standard").asText()).isEqualTo("PHONE_ANSWER");
        assertThat(breach.at("/payload/subject").asText()).isEqualTo(slow);
        assertThat(Instant.parse(breach.at("/payload/dueAt").asText())).isEqualTo(at.plusSeconds(600 + 18));
        assertThat(auditedEvents(customer).get(1).at("/payload/answerWithinSeconds").asInt()).isEqualTo(18);

        awaitCaughtUp("analytics");
        assertThat(jdbc.sql("""
                        SELECT subject || ':' || breached || ':' || (stopped_at <= due_at)
                          FROM read_model.analytics_service_clock
                         WHERE customer_id = :c AND standard = 'PHONE_ANSWER' ORDER BY started_at""")
                .param("c", UUID.fromString(customer)).query(String.class).list())
                .containsExactly(quick + ":false:true", slow + ":true:false");
        assertThat(standards()).contains("PHONE_ANSWER");
    }

    @Test
    @DisplayName("an order awaiting fulfilment is filled in time or missed; fulfilment is refused for an unknown or filled order")
    void orderFulfilment() {
        String customer = register("[]");
        Instant receivedAt = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        expect(200, api.post("/customers/" + customer + "/purchases", """
                {"orderId": "web-1", "amount": {"amount": "30.00", "currency": "EUR"}, "awaitsFulfilment": true,
                 "occurredAt": "%s"}""".formatted(receivedAt)));
        expect(200, api.post("/customers/" + customer + "/purchases", """
                {"orderId": "web-2", "amount": {"amount": "12.00", "currency": "EUR"}, "awaitsFulfilment": true,
                 "occurredAt": "%s"}""".formatted(receivedAt)));
        expect(200, api.post("/customers/" + customer + "/purchases", """
                {"orderId": "shop-3", "amount": {"amount": "5.00", "currency": "EUR"}, "occurredAt": "%s"}"""
                .formatted(receivedAt)));
        expect(200, api.post("/customers/" + customer + "/fulfilments", """
                {"orderId": "web-1", "occurredAt": "%s"}""".formatted(receivedAt.plus(20, ChronoUnit.HOURS))));
        expect(200, api.post("/customers/" + customer + "/fulfilments", """
                {"orderId": "web-2", "occurredAt": "%s"}""".formatted(receivedAt.plus(30, ChronoUnit.HOURS))));

        List<String> recorded = StoredEvents.types(jdbc, customer);
        Api.Response unknown = expect(404, api.post("/customers/" + customer + "/fulfilments", """
                {"orderId": "never-ordered"}"""));
        assertThat(unknown.json().get("type").asText()).endsWith("unknown-order");
        assertThat(unknown.json().get("orderId").asText()).isEqualTo("never-ordered");
        expect(409, api.post("/customers/" + customer + "/fulfilments", """
                {"orderId": "web-1"}"""));
        expect(409, api.post("/customers/" + customer + "/fulfilments", """
                {"orderId": "shop-3"}"""));
        expect(400, api.post("/customers/" + customer + "/fulfilments", "{}"));
        assertThat(StoredEvents.types(jdbc, customer)).as("refusals record nothing").isEqualTo(recorded)
                .containsExactly("CustomerRegistered", "PurchaseRecorded", "PurchaseRecorded", "PurchaseRecorded",
                        "OrderFulfilled", "OrderFulfilled");
        assertThat(auditedEvents(customer).get(1).at("/payload/fulfilBy").asText())
                .isEqualTo(receivedAt.plus(1, ChronoUnit.DAYS).toString());
        assertThat(auditedEvents(customer).get(3).at("/payload/fulfilBy").isNull()).isTrue();

        awaitCaughtUp("analytics");
        assertThat(jdbc.sql("""
                        SELECT subject || ':' || (stopped_at <= due_at) FROM read_model.analytics_service_clock
                         WHERE customer_id = :c AND standard = 'ORDER_FULFILMENT' ORDER BY subject""")
                .param("c", UUID.fromString(customer)).query(String.class).list())
                .containsExactly("web-1:true", "web-2:false");
        assertThat(standards()).contains("ORDER_FULFILMENT");
    }

    @Test
    @DisplayName("an unwelcome call is recorded with its consent breach: the auditor sees it, analysts count it, the briefing names the channels that may be used")
    void contactOnlyWhereWelcome() {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            customers.add(register("[\"EMAIL\"]"));
        }
        for (String customer : customers) {
            expect(201, api.post("/customers/" + customer + "/touchpoints", """
                    {"channel": "MAIL", "direction": "OUTBOUND", "purpose": "catalogue", "valence": "NEUTRAL"}"""));
            expect(201, api.post("/customers/" + customer + "/touchpoints", """
                    {"channel": "EMAIL", "direction": "OUTBOUND", "purpose": "newsletter", "valence": "NEUTRAL"}"""));
        }
        String customer = customers.get(0);
        assertThat(StoredEvents.types(jdbc, customer)).containsExactly("CustomerRegistered", "ConsentGranted", "TouchpointRecorded",
                "ConsentBreached", "TouchpointRecorded");
        JsonNode breach = auditedEvents(customer).get(3);
        assertThat(breach.at("/payload/channel").asText()).isEqualTo("MAIL");
        assertThat(breach.at("/payload/touchpointId").asText())
                .isEqualTo(auditedEvents(customer).get(2).at("/payload/touchpointId").asText());
        assertThat(breach.at("/provenance/principal").asText()).isNotBlank();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql("""
                        SELECT count(*) FROM read_model.analytics_consent_breach
                         WHERE customer_id IN (:customers) AND channel = 'MAIL' AND contact = 'TOUCHPOINT'""")
                .param("customers", customers.stream().map(UUID::fromString).toList()).query(Long.class).single() == 5);
        assertThat(breaches("MAIL")).as("five customers reached: shown, not suppressed").isGreaterThanOrEqualTo(5);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM read_model.analytics_consent_breach
                         WHERE customer_id IN (:customers) AND channel = 'EMAIL'""")
                .param("customers", customers.stream().map(UUID::fromString).toList()).query(Long.class).single())
                .as("e-mail was welcome").isZero();
        JsonNode briefing = api.get("/customers/" + customer + "/briefing?minPosition=" + StoredEvents.head(jdbc)).json();
        assertThat(briefing.at("/reach/consents")).extracting(JsonNode::asText).containsExactly("EMAIL");
    }

    private String register(String consents) {
        String customer = UUID.randomUUID().toString();
        expect(201, api.post("/customers", """
                {"customerId": "%s", "name": "Grace Hopper", "identifiedVia": "CALLER_ID", "consents": %s}"""
                .formatted(customer, consents)));
        return customer;
    }

    /** The customer's history as the auditor reads it: every event from the first, with payload and provenance. */
    private JsonNode auditedEvents(String customer) {
        return expect(200, api.get("/customers/" + customer + "/history")).json().get("events");
    }

    private List<String> standards() {
        List<String> names = new ArrayList<>();
        expect(200, api.get("/analytics/service-standards")).json().get("standards")
                .forEach(figure -> names.add(figure.get("standard").asText()));
        return names;
    }

    private long breaches(String channel) {
        JsonNode groups = expect(200, api.get("/analytics/consent-breaches?by=channel")).json().get("groups");
        for (JsonNode group : groups) {
            if (group.get("group").asText().equals(channel)) {
                return group.path("breaches").asLong(0);
            }
        }
        return 0;
    }
}
