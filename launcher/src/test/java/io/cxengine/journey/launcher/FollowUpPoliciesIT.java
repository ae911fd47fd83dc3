package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The follow-up policies, on (the other tests run without them): the engine itself promises the sixth step of
 * recovery when a complaint is resolved, and the lost-account survey when an account is lost, over a channel the
 * customer welcomes, under the policy's name. The context is closed after the class, so that its policies act on no
 * other test's customers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "journey.policies.recovery-follow-up.enabled=true", "journey.policies.recovery-follow-up.delay=2d",
        "journey.policies.lost-account-survey.enabled=true"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FollowUpPoliciesIT extends EngineIntegration {

    @Test
    @DisplayName("a resolved complaint is followed up, due two days later, over the channel the customer welcomes, by the policy")
    void recoveryFollowUp() {
        String customer = register("[\"EMAIL\", \"PHONE\"]");
        expect(201, api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "billing", "valence": "NEGATIVE"}"""));
        String complaint = fileAndResolve(customer, Instant.now().truncatedTo(ChronoUnit.SECONDS));

        JsonNode followUp = awaitEvent(customer, "FollowUpScheduled");
        assertThat(followUp.at("/provenance/principal").asText()).isEqualTo("policy:recovery-follow-up");
        assertThat(followUp.at("/provenance/system").asText()).isEqualTo("journey-engine");
        assertThat(followUp.at("/payload/channel").asText()).as("the latest inbound contact's, welcome")
                .isEqualTo("PHONE");
        assertThat(followUp.at("/payload/complaintId").asText()).isEqualTo(complaint);
        JsonNode resolved = events(customer, "ComplaintResolved").get(0);
        assertThat(Instant.parse(followUp.at("/payload/dueAt").asText()))
                .isEqualTo(Instant.parse(resolved.get("occurredAt").asText()).plus(2, ChronoUnit.DAYS));
        assertThat(followUp.at("/provenance/correlationId").asText())
                .isEqualTo(resolved.at("/provenance/correlationId").asText());

        // The customer is promised it once: reopened and resolved again, no second one.
        expect(200, api.post("/customers/" + customer + "/complaints/" + complaint + "/reopening", """
                {"reason": "charged again"}"""));
        expect(200, api.post("/customers/" + customer + "/complaints/" + complaint + "/resolution", """
                {"resolution": "refunded again"}"""));
        awaitCaughtUp("follow-up-policies");
        assertThat(events(customer, "FollowUpScheduled")).hasSize(1);
    }

    @Test
    @DisplayName("a lost account gets its lost-account survey; a customer who welcomes no channel, or a fact too old, gets nothing")
    void lostAccountSurveyAndWhereNotWelcome() {
        String lost = register("[\"MAIL\"]");
        expect(200, api.post("/customers/" + lost + "/loss", """
                {"reason": "INDIFFERENCE"}"""));
        JsonNode survey = awaitEvent(lost, "FollowUpScheduled");
        assertThat(survey.at("/provenance/principal").asText()).isEqualTo("policy:lost-account-survey");
        assertThat(survey.at("/payload/channel").asText()).isEqualTo("MAIL");
        assertThat(survey.at("/payload/purpose").asText()).contains("lost-account survey");

        String unwelcome = register("[]");
        fileAndResolve(unwelcome, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String longAgo = register("[\"EMAIL\"]");
        fileAndResolve(longAgo, Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
        awaitCaughtUp("follow-up-policies");
        assertThat(events(unwelcome, "FollowUpScheduled")).as("contact only where welcome").isEmpty();
        assertThat(events(longAgo, "FollowUpScheduled")).as("its follow-up would be due already").isEmpty();
    }

    private String register(String consents) {
        String customer = UUID.randomUUID().toString();
        expect(201, api.post("/customers", """
                {"customerId": "%s", "name": "Grace Hopper", "identifiedVia": "CALLER_ID", "consents": %s}"""
                .formatted(customer, consents)));
        return customer;
    }

    private String fileAndResolve(String customer, Instant at) {
        String complaint = expect(201, api.post("/customers/" + customer + "/complaints", """
                {"category": "BILLING_MISTAKE", "description": "charged twice", "severity": "LOW", "occurredAt": "%s"}"""
                .formatted(at))).json().get("complaintId").asText();
        expect(200, api.post("/customers/" + customer + "/complaints/" + complaint + "/resolution", """
                {"resolution": "refunded", "occurredAt": "%s"}""".formatted(at.plusSeconds(60))));
        return complaint;
    }

    private JsonNode awaitEvent(String customer, String type) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> !events(customer, type).isEmpty());
        return events(customer, type).get(0);
    }

    private List<JsonNode> events(String customer, String type) {
        List<JsonNode> found = new ArrayList<>();
        expect(200, api.get("/customers/" + customer + "/history")).json().get("events").forEach(event -> {
            if (event.get("type").asText().equals(type)) {
                found.add(event);
            }
        });
        return found;
    }
}
