package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Service-standard analytics count a clock as missed as soon as its due time passes without the fact that stops it,
 * not only once the engine has recorded its breach (which, for a clock recorded after it ran out, waits for the grace
 * period; an hour in the tests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceStandardAnalyticsIT extends EngineIntegration {

    private static final String STANDARD = "COMPLAINT_ACKNOWLEDGEMENT";


    @Test
    @DisplayName("complaints filed three days ago: unacknowledged or acknowledged late count as missed before any breach, acknowledged in time as kept")
    void overdueClocksAreMissedBeforeTheirBreach() {
        Instant filedAt = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        // Enough kept clocks that the standard's figures are shown, not suppressed, before the baseline is taken.
        for (int i = 0; i < 5; i++) {
            complaint(filedAt, filedAt.plus(1, ChronoUnit.HOURS));
        }
        awaitProjected(5, 5);
        JsonNode before = figures();
        assertThat(before.path("suppressed").asBoolean(true)).as(before.toString()).isFalse();

        for (int i = 0; i < 5; i++) {
            complaint(filedAt, null); // never acknowledged: due two days ago
        }
        complaint(filedAt, filedAt.plus(30, ChronoUnit.HOURS)); // acknowledged after its 24 hours
        for (int i = 0; i < 4; i++) {
            complaint(filedAt, filedAt.plus(2, ChronoUnit.HOURS));
        }

        awaitProjected(15, 10);
        JsonNode after = figures();
        assertThat(after.get("decided").asLong() - before.get("decided").asLong()).isEqualTo(10);
        // The share is given to four decimals: over many clocks, the count it implies is off by up to decided / 10000.
        assertThat(kept(after) - kept(before)).as("of the ten clocks decided, four were kept")
                .isCloseTo(4, within(after.get("decided").asLong() / 10_000 + 1));
        assertThat(after.get("breached").asLong() - before.get("breached").asLong())
                .as("no breach is recorded yet: the grace period has not passed").isZero();
        assertThat(after.get("missed").asLong() - before.get("missed").asLong())
                .as("five never acknowledged and one acknowledged late").isEqualTo(6);
        long decided = after.get("decided").asLong();
        assertThat(after.get("compliance").decimalValue()).isEqualByComparingTo(
                BigDecimal.valueOf(decided - after.get("missed").asLong())
                        .divide(BigDecimal.valueOf(decided), after.get("compliance").decimalValue().scale(),
                                RoundingMode.HALF_UP));
        assertThat(breaches()).as("the engine has recorded no breach of these clocks").isZero();
    }

    private void complaint(Instant filedAt, Instant acknowledgedAt) {
        String customer = UUID.randomUUID().toString();
        assertThat(api.post("/customers", """
                {"customerId": "%s", "name": "Grace Hopper", "identifiedVia": "IMPORT"}""".formatted(customer))
                .status()).isEqualTo(201);
        this.customers.add(customer);
        Api.Response filed = api.post("/customers/" + customer + "/complaints", """
                {"category": "DELIVERY_DELAY", "description": "late", "severity": "LOW", "occurredAt": "%s"}"""
                .formatted(filedAt));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        if (acknowledgedAt != null) {
            Api.Response acknowledged = api.post("/customers/" + customer + "/complaints/"
                    + filed.json().get("complaintId").asText() + "/acknowledgement", """
                    {"occurredAt": "%s"}""".formatted(acknowledgedAt));
            assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        }
    }

    private final java.util.List<String> customers = new java.util.ArrayList<>();

    /** Waits until the analytics projection holds this test's complaints and acknowledgements. */
    private void awaitProjected(int complaints, int acknowledged) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql("""
                        SELECT count(*) = :complaints AND count(acknowledged_at) = :acknowledged
                          FROM read_model.analytics_complaint
                         WHERE customer_id IN (:customers)""")
                .param("complaints", complaints).param("acknowledged", acknowledged)
                .param("customers", customers.stream().map(UUID::fromString).toList())
                .query(Boolean.class).single());
    }

    private long breaches() {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE aggregate_identifier IN (:customers) AND payload_type LIKE '%ServiceStandardBreached'""")
                .param("customers", customers)
                .query(Long.class).single();
    }

    /** The clocks kept, as the share kept of those decided says. */
    private static long kept(JsonNode figures) {
        return figures.get("compliance").decimalValue().multiply(BigDecimal.valueOf(figures.get("decided").asLong()))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private JsonNode figures() {
        JsonNode standards = api.get("/analytics/service-standards").json().get("standards");
        for (JsonNode standard : standards) {
            if (standard.get("standard").asText().equals(STANDARD)) {
                return standard;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
