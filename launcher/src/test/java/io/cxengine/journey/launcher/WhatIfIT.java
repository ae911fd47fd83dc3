package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Through the API: a past period (spring 2003, which no other test's facts reach) re-scored under proposed standards.
 * The answer equals a fold of the raw events of the period under the proposed limits, done here apart from the engine,
 * and the real views are untouched by it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WhatIfIT extends EngineIntegration {

    private static final Instant MARCH = Instant.parse("2003-03-01T00:00:00Z");
    private static final Instant JUNE = Instant.parse("2003-06-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("e-mail within 12 h instead of 24 h, calls within 30 s instead of 18 s, March to May: the answer equals a fold of the events, and no view changes")
    void rescoresAPastPeriod() {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            customers.add(emailAnswered(MARCH.plus(Duration.ofDays(i)), Duration.ofHours(10)));
            customers.add(emailAnswered(MARCH.plus(Duration.ofDays(10 + i)), Duration.ofHours(20)));
            customers.add(emailAnswered(MARCH.plus(Duration.ofDays(20 + i)), null));
            customers.add(call(MARCH.plus(Duration.ofDays(40 + i)), 25));
            customers.add(call(MARCH.plus(Duration.ofDays(50 + i)), 40));
        }
        // Outside the period: not re-scored.
        customers.add(emailAnswered(JUNE.plus(Duration.ofDays(1)), Duration.ofHours(20)));
        customers.add(emailAnswered(MARCH.minus(Duration.ofDays(1)), Duration.ofHours(20)));
        awaitCaughtUp("analytics");

        String compliance = expect(200, api.get("/analytics/service-standards")).body();
        String versions = expect(200, api.get("/analytics/service-standards/versions")).body();
        long head = StoredEvents.head(jdbc);
        String clocks = clockRows();

        // Refused: a period reaching the future, one ending before it starts, a standard without a limit of its own.
        expect(400, api.post("/analytics/what-if", """
                {"from": "%s", "to": "%s", "standards": {"EMAIL_RESPONSE": "PT12H"}}"""
                .formatted(MARCH, Instant.now().plus(Duration.ofDays(1)))));
        expect(400, api.post("/analytics/what-if", """
                {"from": "%s", "to": "%s", "standards": {"EMAIL_RESPONSE": "PT12H"}}""".formatted(JUNE, MARCH)));
        expect(400, api.post("/analytics/what-if", """
                {"from": "%s", "to": "%s", "standards": {"FOLLOW_UP": "PT12H"}}""".formatted(MARCH, JUNE)));
        // Not whole months: a period cut to the second could single one clock out.
        expect(400, api.post("/analytics/what-if", """
                {"from": "%s", "to": "%s", "standards": {"EMAIL_RESPONSE": "PT12H"}}"""
                .formatted(MARCH.plusSeconds(1), JUNE)));
        expect(404, api.get("/analytics/what-if/" + UUID.randomUUID()));

        Api.Response asked = expect(202, api.post("/analytics/what-if", """
                {"from": "%s", "to": "%s", "standards": {"EMAIL_RESPONSE": "PT12H", "PHONE_ANSWER": "PT30S"}}"""
                .formatted(MARCH, JUNE)));
        String location = asked.header("Location");
        assertThat(location).startsWith("/analytics/what-if/");
        JsonNode run = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> expect(200, api.get(location)).json(), answer -> answer.get("state").asText().equals("DONE"));
        assertThat(run.get("eventsRead").asLong()).isPositive().isLessThanOrEqualTo(run.get("eventsToRead").asLong());

        Map<String, long[]> folded = fold(customers);
        JsonNode email = entry(run.get("standards"), "standard", "EMAIL_RESPONSE");
        assertThat(email.get("clocks").asLong()).isEqualTo(18);
        assertThat(email.get("recordedLimits")).extracting(JsonNode::asText).containsExactly("PT24H");
        assertThat(figures(email.get("actual"))).containsExactly(folded.get("EMAIL_RESPONSE actual"));
        assertThat(figures(email.get("proposed"))).containsExactly(folded.get("EMAIL_RESPONSE proposed"));
        assertThat(figures(email.get("actual"))).containsExactly(18, 6);
        assertThat(figures(email.get("proposed"))).containsExactly(18, 12);
        assertThat(email.at("/proposed/compliance").decimalValue()).isEqualByComparingTo(ratio(18, 12));
        JsonNode phone = entry(run.get("standards"), "standard", "PHONE_ANSWER");
        assertThat(figures(phone.get("actual"))).containsExactly(folded.get("PHONE_ANSWER actual"));
        assertThat(figures(phone.get("proposed"))).containsExactly(folded.get("PHONE_ANSWER proposed"));
        assertThat(figures(phone.get("actual"))).containsExactly(12, 12);
        assertThat(figures(phone.get("proposed"))).containsExactly(12, 6);

        // Nothing recorded, no view changed.
        assertThat(StoredEvents.head(jdbc)).isEqualTo(head);
        assertThat(clockRows()).isEqualTo(clocks);
        assertThat(expect(200, api.get("/analytics/service-standards")).body()).isEqualTo(compliance);
        assertThat(expect(200, api.get("/analytics/service-standards/versions")).body()).isEqualTo(versions);
    }

    /**
     * Apart from the engine: each e-mail or call of the test's customers that came in during the period, from their
     * stored events, judged by its recorded due time and by the proposed limit.
     */
    private Map<String, long[]> fold(List<String> customers) {
        Map<String, long[]> figures = new java.util.HashMap<>();
        for (String customer : customers) {
            List<JsonNode> touchpoints = new ArrayList<>();
            for (String payload : jdbc.sql("""
                            SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                             WHERE aggregate_identifier = :c AND payload_type LIKE '%TouchpointRecorded'
                             ORDER BY sequence_number""").param("c", customer).query(String.class).list()) {
                try {
                    touchpoints.add(JSON.readTree(payload));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            for (JsonNode contact : touchpoints) {
                Instant at = Instant.parse(contact.get("occurredAt").asText());
                if (at.isBefore(MARCH) || !at.isBefore(JUNE) || !contact.get("direction").asText().equals("INBOUND")) {
                    continue;
                }
                if (contact.get("channel").asText().equals("EMAIL")) {
                    Instant answered = touchpoints.stream()
                            .filter(reply -> reply.get("channel").asText().equals("EMAIL")
                                    && reply.get("direction").asText().equals("OUTBOUND"))
                            .map(reply -> Instant.parse(reply.get("occurredAt").asText()))
                            .filter(replied -> !replied.isBefore(at)).min(Instant::compareTo).orElse(null);
                    judge(figures, "EMAIL_RESPONSE actual", Instant.parse(contact.get("replyDueBy").asText()), answered);
                    judge(figures, "EMAIL_RESPONSE proposed", at.plus(Duration.ofHours(12)), answered);
                } else {
                    Instant answered = at.plusSeconds(contact.get("waitSeconds").asLong());
                    judge(figures, "PHONE_ANSWER actual",
                            at.plusSeconds(contact.get("answerWithinSeconds").asLong()), answered);
                    judge(figures, "PHONE_ANSWER proposed", at.plusSeconds(30), answered);
                }
            }
        }
        return figures;
    }

    private static void judge(Map<String, long[]> figures, String key, Instant due, Instant answered) {
        long[] counted = figures.computeIfAbsent(key, k -> new long[2]);
        counted[0]++;
        if (answered == null || answered.isAfter(due)) {
            counted[1]++;
        }
    }

    private static long[] figures(JsonNode figures) {
        return new long[]{figures.get("decided").asLong(), figures.get("missed").asLong()};
    }

    private static BigDecimal ratio(long decided, long missed) {
        return BigDecimal.valueOf(decided - missed).divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP);
    }

    private String clockRows() {
        return String.join(",", jdbc.sql("""
                SELECT standard || ':' || count(*) || ':' || count(*) FILTER (WHERE breached) || ':'
                       || count(stopped_at) FROM read_model.analytics_service_clock GROUP BY standard ORDER BY standard""")
                .query(String.class).list());
    }

    private String register() {
        String customer = UUID.randomUUID().toString();
        expect(201, api.post("/customers", """
                {"customerId": "%s", "name": "Grace Hopper", "identifiedVia": "CALLER_ID", "consents": ["EMAIL"],
                 "occurredAt": "2003-01-01T00:00:00Z"}""".formatted(customer)));
        return customer;
    }

    private String emailAnswered(Instant at, Duration after) {
        String customer = register();
        contact(customer, "EMAIL", "INBOUND", null, at);
        if (after != null) {
            contact(customer, "EMAIL", "OUTBOUND", null, at.plus(after));
        }
        return customer;
    }

    private String call(Instant at, int waitSeconds) {
        String customer = register();
        contact(customer, "PHONE", "INBOUND", waitSeconds, at);
        return customer;
    }

    private void contact(String customer, String channel, String direction, Integer waitSeconds, Instant at) {
        expect(201, api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "%s", "direction": "%s", "purpose": "order status", "valence": "NEUTRAL",
                 "waitSeconds": %s, "occurredAt": "%s"}""".formatted(channel, direction, waitSeconds, at)));
    }
}
