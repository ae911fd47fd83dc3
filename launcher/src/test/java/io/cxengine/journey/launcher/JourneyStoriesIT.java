package io.cxengine.journey.launcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole journeys through the REST API, as the contact centre and the web shop would tell them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JourneyStoriesIT extends EngineIntegration {

    String customer;

    @BeforeEach
    void newCustomer() {
        customer = UUID.randomUUID().toString();
        expect(201, api.post("/customers", """
                {"customerId": "%s", "name": "Margaret Hamilton", "email": "margaret@example.com",
                 "identifiedVia": "CALLER_ID",
                 "attributes": [{"kind": "DEMOGRAPHIC", "name": "occupation", "value": "engineer"}],
                 "consents": ["PHONE", "EMAIL"]}""".formatted(customer)));
    }

    @Test
    @DisplayName("a difficult customer recovered in six steps: vent, empathy, solving, agreement, resolution, follow-up")
    void sixStepRecovery() {
        String touchpoint = expect(201, post("/touchpoints", """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "billing question", "stage": "GREETING",
                 "valence": "NEGATIVE", "agentId": "agent-042", "waitSeconds": 420, "durationSeconds": 600,
                 "note": "Very angry: charged twice"}""")).json().get("touchpointId").asText();
        Api.Response filed = expect(201, post("/complaints", """
                {"category": "BILLING_MISTAKE", "description": "Charged twice for order 536365", "severity": "HIGH",
                 "touchpointId": "%s"}""".formatted(touchpoint)));
        String complaint = filed.json().get("complaintId").asText();
        assertThat(filed.header("Location")).isEqualTo("/customers/%s/complaints/%s".formatted(customer, complaint));

        expect(200, post("/complaints/" + complaint + "/acknowledgement", "{}"));
        expect(200, post("/apologies", """
                {"complaintId": "%s", "reason": "MISTAKE", "by": "agent-042"}""".formatted(complaint)));
        expect(200, post("/complaints/" + complaint + "/proposals", """
                {"proposal": "Refund the second charge and waive next month's fee"}"""));
        expect(200, post("/complaints/" + complaint + "/agreement", """
                {"promisedBy": "%s"}""".formatted(java.time.Instant.now().plusSeconds(86_400))));
        expect(200, post("/complaints/" + complaint + "/resolution", """
                {"resolution": "Refund issued; fee waived"}"""));
        String followUp = expect(201, post("/follow-ups", """
                {"dueAt": "%s", "channel": "PHONE", "purpose": "check the refund arrived", "complaintId": "%s"}"""
                .formatted(java.time.Instant.now().plusSeconds(3 * 86_400), complaint)))
                .json().get("followUpId").asText();
        expect(200, post("/follow-ups/" + followUp + "/completion", """
                {"outcome": "Refund confirmed; customer thanked us", "valence": "POSITIVE"}"""));
        Api.Response survey = expect(200, post("/surveys", """
                {"kind": "CSAT", "score": 5, "comment": "Sorted out quickly"}"""));

        assertThat(survey.header("ETag")).isEqualTo("\"" + (history().size() - 1) + "\"");
        // The bad contact, answered after seven minutes instead of three rings, is recorded with its breach and turns
        // the customer at risk; the agreed solution and the resolution are not enough to turn them back: the sixth
        // step, the follow-up, is.
        assertThat(history()).containsExactly("CustomerRegistered", "AttributeRecorded", "ConsentGranted",
                "ConsentGranted", "TouchpointRecorded", "ServiceStandardBreached", "CustomerAtRisk", "ComplaintFiled",
                "ComplaintAcknowledged", "ApologyIssued", "SolutionProposed", "SolutionAgreed", "ComplaintResolved",
                "FollowUpScheduled", "FollowUpCompleted", "CustomerNoLongerAtRisk", "SatisfactionMeasured");
        assertThat(jdbc.sql("SELECT count(*) FROM service_clock WHERE schedule_id LIKE :c || '/%'")
                .param("c", customer).query(Long.class).single())
                .as("every clock stopped in time, every deadline cancelled").isZero();
    }

    @Test
    @DisplayName("a customer lost, asked why, won back and reactivated")
    void lossAndWinBack() {
        expect(200, post("/purchases", """
                {"orderId": "536365", "amount": {"amount": "139.12", "currency": "GBP"}}"""));
        expect(200, post("/loss", """
                {"reason": "INDIFFERENCE", "detail": "No purchase for 90 days"}"""));
        expect(409, post("/loss", """
                {"reason": "COMPETITOR"}"""));
        expect(200, post("/surveys", """
                {"kind": "LOST_ACCOUNT", "statedReason": "COMPETITOR",
                 "answers": {"why did you leave": "a rival was cheaper"}}"""));
        expect(200, post("/win-back-attempts", """
                {"offer": "20% off the next order", "channel": "EMAIL"}"""));
        expect(200, post("/reactivation", ""));
        expect(409, post("/reactivation", "{}"));
        expect(200, post("/purchases", """
                {"orderId": "581587", "amount": {"amount": "22.50", "currency": "GBP"}}"""));

        // Not watched while lost; back, the loss and the survey still weigh in the last 90 days: at risk.
        assertThat(history()).containsExactly("CustomerRegistered", "AttributeRecorded", "ConsentGranted",
                "ConsentGranted", "PurchaseRecorded", "AccountLost", "SatisfactionMeasured", "WinBackAttempted",
                "AccountReactivated", "CustomerAtRisk", "PurchaseRecorded");
    }

    @Test
    @DisplayName("the journey's rules answer problems (409, 404 for an unknown part, 400 off the scale) and record nothing")
    void rulesRefuse() {
        String complaint = expect(201, post("/complaints", """
                {"category": "DELIVERY_DELAY", "description": "Parcel a week late", "severity": "MEDIUM"}"""))
                .json().get("complaintId").asText();
        int before = history().size();

        Api.Response early = expect(409, post("/complaints/" + complaint + "/agreement", "{}"));
        assertThat(early.header("Content-Type")).startsWith("application/problem+json");
        assertThat(early.json().get("detail").asText()).contains("no proposed solution");
        expect(409, post("/complaints/" + complaint + "/reopening", """
                {"reason": "still late"}"""));
        expect(404, post("/apologies", """
                {"touchpointId": "%s", "reason": "WAIT", "by": "agent"}""".formatted(UUID.randomUUID())));
        expect(400, post("/surveys", """
                {"kind": "NPS", "score": 11}"""));
        expect(409, post("/win-back-attempts", """
                {"offer": "coupon", "channel": "MAIL"}"""));
        expect(404, api.post("/customers/" + UUID.randomUUID() + "/loss", """
                {"reason": "DIED"}"""));

        assertThat(history()).hasSize(before);
    }

    private Api.Response post(String path, String body) {
        return api.post("/customers/" + customer + path, body);
    }

    private List<String> history() {
        return jdbc.sql("""
                        SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = :id
                         ORDER BY sequence_number""")
                .param("id", customer)
                .query((row, n) -> row.getString(1).substring(row.getString(1).lastIndexOf('$') + 1))
                .list();
    }
}
