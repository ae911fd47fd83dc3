package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The views through HTTP, on the embedded PostgreSQL: each journey step is written through the command API, and each
 * read passes the write's position ({@code minPosition}) so that it sees its own writes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadModelsIT extends EngineIntegration {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    Pseudonyms pseudonyms;
    String customer;
    long position;

    @BeforeEach
    void newCustomer() {
        customer = UUID.randomUUID().toString();
        write("", """
                {"customerId": "%s", "name": "Grace Brewster Hopper", "email": "grace.%s@example.com",
                 "phone": "+1 555 0100", "identifiedVia": "CALLER_ID", "occurredAt": "%s",
                 "attributes": [{"kind": "DEMOGRAPHIC", "name": "occupation", "value": "admiral"},
                                {"kind": "DEMOGRAPHIC", "name": "religion", "value": "episcopalian", "explicitConsent": true},
                                {"kind": "PSYCHOGRAPHIC", "name": "preferred channel", "value": "e-mail"}],
                 "consents": ["EMAIL", "PHONE"]}""".formatted(customer, customer, NOW.minus(400, ChronoUnit.DAYS)));
    }

    @Test
    @DisplayName("the profile follows every fact: identity, attributes, consents, contacts, complaints, follow-ups, surveys, value, loss")
    void profile() {
        JsonNode registered = read("/profile");
        assertThat(registered.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(registered.get("visitorTier").asText()).isEqualTo("GUEST");
        assertThat(registered.at("/attributes/DEMOGRAPHIC/occupation").asText()).isEqualTo("admiral");
        assertThat(registered.at("/attributes/DEMOGRAPHIC/religion").asText()).doesNotContain("episcopalian");
        assertThat(registered.at("/preferredChannel/declared").asText()).isEqualTo("EMAIL");
        assertThat(registered.get("consents")).hasSize(2);

        touchpoint("PHONE", "INBOUND", "NEGATIVE", NOW.minus(10, ChronoUnit.DAYS));
        touchpoint("PHONE", "INBOUND", "POSITIVE", NOW.minus(9, ChronoUnit.DAYS));
        touchpoint("EMAIL", "INBOUND", "NEUTRAL", NOW.minus(8, ChronoUnit.DAYS));
        write("/consents", "{\"channel\": \"PHONE\", \"granted\": false}");
        String complaint = write("/complaints", """
                {"category": "DELIVERY_DELAY", "description": "late", "severity": "LOW"}""").get("complaintId").asText();
        write("/follow-ups", """
                {"dueAt": "%s", "channel": "PHONE", "purpose": "check delivery"}""".formatted(NOW.plus(2, ChronoUnit.DAYS)));
        write("/surveys", "{\"kind\": \"CSAT\", \"score\": 2}");
        write("/surveys", "{\"kind\": \"NPS\", \"score\": 10}");
        write("/purchases", """
                {"orderId": "A-1", "amount": {"amount": "1500.00", "currency": "GBP"}, "occurredAt": "%s"}"""
                .formatted(NOW.minus(399, ChronoUnit.DAYS)));
        write("/purchases", """
                {"orderId": "A-2", "amount": {"amount": "1500.00", "currency": "GBP"}, "occurredAt": "%s"}"""
                .formatted(NOW.minus(34, ChronoUnit.DAYS)));

        JsonNode profile = read("/profile");
        assertThat(profile.get("consents")).hasSize(1);
        assertThat(profile.at("/preferredChannel/observed").asText()).isEqualTo("PHONE");
        assertThat(profile.get("usualContactHours")).isNotEmpty();
        assertThat(profile.get("openComplaints").asInt()).isEqualTo(1);
        assertThat(profile.get("pendingFollowUps").asInt()).isEqualTo(1);
        assertThat(profile.at("/satisfaction/recent")).hasSize(2);
        assertThat(profile.at("/satisfaction/trend").asText()).isEqualTo("IMPROVING");
        assertThat(profile.get("visitorTier").asText()).isEqualTo("CLIENT");
        assertThat(profile.at("/value/purchases").asInt()).isEqualTo(2);
        assertThat(profile.at("/value/revenue").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(profile.at("/value/annualRevenue").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(profile.at("/value/lifetimeValue").decimalValue()).isEqualByComparingTo("11372.36");
        assertThat(profile.at("/value/tier").asText()).isEqualTo("MOST_VALUABLE");
        assertThat(profile.at("/value/mostValuableCustomer").asBoolean()).isTrue();
        // Touchpoints -1 +1 0, complaint -1, CSAT 2 -1, NPS 10 +1: balance -1 in all, and over the last 90 days.
        assertThat(profile.at("/relationshipBalance/total").asInt()).isEqualTo(-1);
        assertThat(profile.at("/relationshipBalance/last90Days").asInt()).isEqualTo(-1);
        assertThat(profile.get("status").asText()).isEqualTo("AT_RISK");
        assertThat(profile.at("/value/qualifyingQuadrant").asText()).isEqualTo("LOYALTY_PROGRAMME");

        write("/complaints/" + complaint + "/resolution", "{\"resolution\": \"delivered\"}");
        write("/loss", "{\"reason\": \"COMPETITOR\"}");
        JsonNode lost = read("/profile");
        assertThat(lost.get("openComplaints").asInt()).isZero();
        assertThat(lost.get("status").asText()).isEqualTo("LOST");
        write("/reactivation", "{}");
        assertThat(read("/profile").get("status").asText()).isIn("REACTIVATED", "AT_RISK");
        assertThat(api.get("/customers/" + customer + "/profile").header("ETag"))
                .isEqualTo("\"" + read("/profile").get("version").asLong() + "\"");

        List<String> found = api.get("/customers?phone=%2B1%20(555)%200100").json().findValuesAsText("customerId");
        assertThat(found).contains(customer);
        assertThat(api.get("/customers?email=GRACE." + customer + "@EXAMPLE.COM").json().findValuesAsText("customerId"))
                .containsExactly(customer);
        assertThat(api.get("/customers").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("the timeline lists every moment newest first, filters, and pages stably while moments are added")
    void timeline() {
        for (int day = 20; day >= 1; day--) {
            touchpoint(day % 2 == 0 ? "CHAT" : "PHONE", "INBOUND", day % 3 == 0 ? "POSITIVE" : "NEUTRAL",
                    NOW.minus(day, ChronoUnit.DAYS));
        }
        String complaint = write("/complaints", """
                {"category": "BAD_QUALITY", "description": "broken", "severity": "HIGH"}""").get("complaintId").asText();
        write("/complaints/" + complaint + "/acknowledgement", "{}");
        write("/apologies", "{\"complaintId\": \"%s\", \"reason\": \"MISTAKE\", \"by\": \"agent\"}".formatted(complaint));

        JsonNode first = read("/timeline?limit=5");
        assertThat(first.get("moments")).hasSize(5);
        assertThat(first.at("/moments/0/kind").asText()).isEqualTo("APOLOGY");
        assertThat(first.get("moments").findValuesAsText("recordedAt")).allSatisfy(t -> assertThat(t).isNotBlank());

        // A back-dated moment arrives between two pages: the pages still neither skip nor repeat an entry.
        touchpoint("FAX", "INBOUND", "NEGATIVE", NOW.minus(30, ChronoUnit.DAYS));
        Set<String> seen = new HashSet<>(first.get("moments").findValuesAsText("eventId"));
        List<String> occurred = new ArrayList<>(first.get("moments").findValuesAsText("occurredAt"));
        String next = first.get("next").asText();
        while (next != null && !next.isEmpty() && !"null".equals(next)) {
            JsonNode page = read("/timeline?limit=5&cursor=" + next);
            for (String id : page.get("moments").findValuesAsText("eventId")) {
                assertThat(seen.add(id)).as("no entry twice").isTrue();
            }
            occurred.addAll(page.get("moments").findValuesAsText("occurredAt"));
            next = page.get("next").isNull() ? null : page.get("next").asText();
        }
        assertThat(seen).hasSize(24);
        assertThat(occurred).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));

        assertThat(read("/timeline?channel=CHAT&limit=100").get("moments")).hasSize(10);
        assertThat(read("/timeline?valence=POSITIVE&limit=100").get("moments").findValuesAsText("valence"))
                .containsOnly("POSITIVE").hasSize(6);
        assertThat(read("/timeline?from=%s&to=%s&limit=100".formatted(NOW.minus(5, ChronoUnit.DAYS).toString(),
                NOW.minus(2, ChronoUnit.DAYS).toString())).get("moments")).hasSize(3);
        assertThat(api.get("/customers/" + customer + "/timeline?cursor=garbage").status()).isEqualTo(400);
        assertThat(api.get("/customers/" + customer + "/timeline?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/customers/" + customer + "/timeline?channel=PIGEON").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("a lost account shows the stated reason next to the reasons its history reveals, and whether winning back worked")
    void lostAccount() {
        write("/purchases", """
                {"orderId": "L-1", "amount": {"amount": "600.00", "currency": "GBP"}, "occurredAt": "%s"}"""
                .formatted(NOW.minus(200, ChronoUnit.DAYS)));
        touchpoint("PHONE", "INBOUND", "POSITIVE", NOW.minus(150, ChronoUnit.DAYS));
        touchpoint("PHONE", "INBOUND", "NEGATIVE", NOW.minus(100, ChronoUnit.DAYS));
        write("/complaints", """
                {"category": "BILLING_MISTAKE", "description": "wrong bill", "severity": "MEDIUM", "occurredAt": "%s"}"""
                .formatted(NOW.minus(95, ChronoUnit.DAYS)));
        write("/loss", "{\"reason\": \"INDIFFERENCE\", \"detail\": \"no purchase for 90 days\"}");
        write("/surveys", "{\"kind\": \"LOST_ACCOUNT\", \"statedReason\": \"COMPETITOR\"}");
        write("/win-back-attempts", "{\"offer\": \"20% off\", \"channel\": \"EMAIL\"}");

        JsonNode lost = lostAccount(get("/lost-accounts?reason=COMPETITOR&limit=500"));
        assertThat(lost.get("reason").asText()).isEqualTo("INDIFFERENCE");
        assertThat(lost.get("statedReason").asText()).isEqualTo("COMPETITOR");
        assertThat(lost.get("revealedReasons").findValuesAsText("reason"))
                .contains("UNRESOLVED_COMPLAINTS", "SILENCE").doesNotContain("NEGATIVE_MOMENTS");
        assertThat(lost.get("lifetimeValueLost").decimalValue()).isEqualByComparingTo("2274.47");
        assertThat(lost.get("lastMoments")).hasSize(3);
        assertThat(lost.get("lastMoments").findValues("summary")).as("analysts read no summaries").isEmpty();
        assertThat(lost.has("detail")).as("nor the loss detail").isFalse();
        assertThat(lost.has("customerId")).as("nor the customer id").isFalse();
        assertThat(lost.get("daysSinceLastPositiveMoment").asInt()).isBetween(150, 151);
        assertThat(lost.get("daysSilentBeforeLoss").asInt()).isBetween(100, 101);
        assertThat(lost.get("winBackAttempts").asInt()).isEqualTo(1);
        assertThat(lost.get("wonBack").asBoolean()).isFalse();

        write("/purchases", "{\"orderId\": \"L-2\", \"amount\": {\"amount\": \"50.00\", \"currency\": \"GBP\"}}");
        JsonNode won = lostAccount(get("/lost-accounts?from=%s&limit=500".formatted(NOW.minus(1, ChronoUnit.DAYS))));
        assertThat(won.get("wonBack").asBoolean()).isTrue();
        assertThat(won.get("reactivatedAt").isNull()).isFalse();
    }

    @Test
    @DisplayName("the briefing: greeting, routing, what is known, open complaints, promises, last moments, and the approach")
    void briefing() {
        JsonNode calm = read("/briefing");
        assertThat(calm.get("greetingName").asText()).isEqualTo("Grace");
        assertThat(calm.at("/suggestedApproach/scenario").asText()).isEqualTo("NONE");
        assertThat(calm.at("/routing/priority").asInt()).isEqualTo(3);
        assertThat(calm.at("/alreadyKnown/attributes/DEMOGRAPHIC/occupation").asText()).isEqualTo("admiral");
        assertThat(calm.toString()).doesNotContain("episcopalian");

        touchpoint("PHONE", "INBOUND", "NEUTRAL", NOW.minus(1, ChronoUnit.HOURS), 900);
        assertThat(read("/briefing").at("/suggestedApproach/scenario").asText()).isEqualTo("IMPATIENT");

        String complaint = write("/complaints", """
                {"category": "CONFUSING_PRODUCT", "description": "manual unclear", "severity": "LOW"}""")
                .get("complaintId").asText();
        write("/complaints/" + complaint + "/acknowledgement", "{}");
        write("/complaints/" + complaint + "/proposals", "{\"proposal\": \"a video call walkthrough\"}");
        touchpoint("CHAT", "INBOUND", "NEUTRAL", NOW.minus(1, ChronoUnit.MINUTES), 10);
        JsonNode undecided = read("/briefing");
        assertThat(undecided.at("/suggestedApproach/scenario").asText()).isEqualTo("INDECISIVE");
        assertThat(undecided.at("/routing/priority").asInt()).isEqualTo(2);
        assertThat(undecided.get("openComplaints")).hasSize(1);
        assertThat(undecided.get("lastMoments")).hasSize(3);

        write("/complaints/" + complaint + "/agreement", "{\"promisedBy\": \"%s\"}".formatted(NOW.plus(3, ChronoUnit.DAYS)));
        write("/follow-ups", "{\"dueAt\": \"%s\", \"channel\": \"EMAIL\", \"purpose\": \"send the recording\"}"
                .formatted(NOW.plus(1, ChronoUnit.DAYS)));
        JsonNode promised = read("/briefing");
        assertThat(promised.get("promisesDue").findValuesAsText("kind")).containsExactly("FOLLOW_UP", "SOLUTION");
        assertThat(promised.at("/reach/declaredChannel").asText()).isEqualTo("EMAIL");

        write("/complaints", """
                {"category": "BILLING_MISTAKE", "description": "double charge", "severity": "HIGH"}""");
        assertThat(read("/briefing").at("/suggestedApproach/scenario").asText()).isEqualTo("VERY_ANGRY");
        assertThat(api.get("/customers/" + UUID.randomUUID() + "/briefing").status()).isEqualTo(404);
    }

    private void touchpoint(String channel, String direction, String valence, Instant at) {
        touchpoint(channel, direction, valence, at, 15); // answered within three rings
    }

    private void touchpoint(String channel, String direction, String valence, Instant at, int wait) {
        write("/touchpoints", """
                {"channel": "%s", "direction": "%s", "purpose": "question", "valence": "%s", "waitSeconds": %d,
                 "occurredAt": "%s"}""".formatted(channel, direction, valence, wait, at));
    }

    private JsonNode write(String path, String body) {
        Api.Response response = api.post("/customers" + (path.isEmpty() ? "" : "/" + customer + path), body);
        assertThat(response.status()).as(path + " " + response).isIn(200, 201);
        position = response.json().get("position").asLong();
        return response.json();
    }

    private JsonNode read(String path) {
        return get("/customers/" + customer + path);
    }

    /** Reads a URL with the position of the last write, so that the read includes it. */
    private JsonNode get(String url) {
        Api.Response response = api.get(url + (url.contains("?") ? "&" : "?") + "minPosition=" + position);
        assertThat(response.status()).as(url + " " + response).isEqualTo(200);
        return response.json();
    }

    private JsonNode lostAccount(JsonNode page) {
        for (JsonNode lost : page.get("lostAccounts")) {
            if (lost.get("pseudonym").asText().equals(pseudonyms.of(UUID.fromString(customer)).value())) {
                return lost;
            }
        }
        throw new AssertionError("customer not among the lost accounts: " + page);
    }
}
