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

/**
 * Through the API: the service standards book. A new version of the three-ring standard is recorded ahead of its
 * time; calls are judged by the version in force when they came in, whenever they are recorded; the auditor sees each
 * call's version, and the analysts' compliance per version counts each under its own. The test gives the standard back
 * its limit at the end (a third version), for the tests that share the store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "journey.api.clock-skew=1s") // a version takes effect 2 s + 1 s after it is recorded
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ServiceStandardVersionsIT extends EngineIntegration {

    @Test
    @DisplayName("calls are judged by the version of the three-ring standard in force when they came in, and counted per version")
    void versionsOverTime() throws InterruptedException {
        Api operator = Api.as(port, "operator-ada", "console", "journey.admin");
        Api analyst = Api.withScopes(port, "journey.analyze");
        JsonNode book = expect(200, operator.get("/service-standards")).json();
        JsonNode phone = entry(book.get("standards"), "standard", "PHONE_ANSWER");
        assertThat(phone.at("/versions/0/recordedBy").asText()).isEqualTo("system:configuration");
        assertThat(phone.at("/versions/0/effectiveFrom").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(phone.get("withinInForce").asText()).isEqualTo("PT18S");
        int before = phone.get("versionInForce").asInt();

        // Refused, nothing recorded: the past, a standard without a limit of its own, no reason, not an operator.
        expect(409, operator.post("/service-standards/PHONE_ANSWER/versions", """
                {"within": "PT5S", "effectiveFrom": "%s", "reason": "re-score the last hour"}"""
                .formatted(Instant.now().minus(1, ChronoUnit.HOURS))));
        expect(400, operator.post("/service-standards/FOLLOW_UP/versions", """
                {"within": "PT5S", "reason": "faster"}"""));
        expect(400, operator.post("/service-standards/PHONE_ANSWER/versions", """
                {"within": "PT5S"}"""));
        expect(403, Api.withScopes(port, "journey.write").post("/service-standards/PHONE_ANSWER/versions", """
                {"within": "PT5S", "reason": "faster"}"""));
        assertThat(entry(expect(200, operator.get("/service-standards")).json().get("standards"), "standard",
                "PHONE_ANSWER").get("versions").size()).isEqualTo(phone.get("versions").size());

        JsonNode recorded = expect(201, operator.post("/service-standards/PHONE_ANSWER/versions", """
                {"within": "PT5S", "reason": "answer before the second ring"}""")).json();
        int fiveSeconds = recorded.get("version").asInt();
        assertThat(fiveSeconds).isEqualTo(before + 1);
        assertThat(recorded.get("recordedBy").asText()).isEqualTo("operator-ada");
        Instant effective = Instant.parse(recorded.get("effectiveFrom").asText());
        assertThat(effective).as("announced ahead, as configured for this test (2 s and 1 s of clock skew)")
                .isAfter(Instant.now());

        String customer = register();
        List<String> underOld = new ArrayList<>();
        List<String> underNew = new ArrayList<>();
        // Came in before the new version, recorded after it: judged by 18 s.
        for (int i = 0; i < 6; i++) {
            underOld.add(call(customer, 10, effective.minus(10, ChronoUnit.MINUTES).plusSeconds(i)));
        }
        while (Instant.now().isBefore(effective)) {
            Thread.sleep(100);
        }
        Instant at = effective.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        while (Instant.now().isBefore(at)) {
            Thread.sleep(100);
        }
        for (int i = 0; i < 3; i++) {
            underNew.add(call(customer, 3, at));
            underNew.add(call(customer, 10, at));
        }

        JsonNode history = expect(200, api.get("/customers/" + customer + "/history")).json().get("events");
        List<String> judged = new ArrayList<>();
        history.forEach(event -> {
            if (event.get("type").asText().equals("TouchpointRecorded")) {
                judged.add(event.at("/payload/waitSeconds").asInt() + "s:"
                        + event.at("/payload/answerWithinSeconds").asInt() + "s:v"
                        + event.at("/payload/standardVersions/PHONE_ANSWER").asInt());
            }
        });
        List<String> expected = new ArrayList<>();
        underOld.forEach(call -> expected.add("10s:18s:v" + before));
        for (int i = 0; i < 3; i++) {
            expected.add("3s:5s:v" + fiveSeconds);
            expected.add("10s:5s:v" + fiveSeconds);
        }
        assertThat(judged).containsExactlyElementsOf(expected);
        assertThat(StoredEvents.types(jdbc, customer).stream().filter("ServiceStandardBreached"::equals))
                .as("the three calls of 10 s after the new version, none before").hasSize(3);

        // The clocks decided: the three met calls under 5 s are due 5 s after they came in.
        while (Instant.now().isBefore(at.plusSeconds(6))) {
            Thread.sleep(100);
        }
        awaitCaughtUp("analytics");
        JsonNode versions = expect(200, analyst.get("/analytics/service-standards/versions")).json().get("versions");
        JsonNode five = null;
        JsonNode old = null;
        for (JsonNode figure : versions) {
            if (figure.get("standard").asText().equals("PHONE_ANSWER") && figure.path("version").asInt() == fiveSeconds) {
                five = figure;
            }
            if (figure.get("standard").asText().equals("PHONE_ANSWER") && figure.path("version").asInt() == before) {
                old = figure;
            }
        }
        assertThat(five).as(versions.toString()).isNotNull();
        assertThat(five.get("within").asText()).isEqualTo("PT5S");
        assertThat(five.get("recordedBy").asText()).isEqualTo("operator-ada");
        assertThat(five.get("reason").asText()).isEqualTo("answer before the second ring");
        assertThat(five.get("decided").asLong()).isEqualTo(6);
        assertThat(five.get("breached").asLong()).isEqualTo(3);
        assertThat(five.get("missed").asLong()).isEqualTo(3);
        assertThat(five.get("compliance").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(old.get("within").asText()).isEqualTo("PT18S");
        assertThat(old.get("decided").asLong()).as("this test's six, and the calls of others").isGreaterThanOrEqualTo(6);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM read_model.analytics_service_clock
                         WHERE customer_id = :c AND standard = 'PHONE_ANSWER' AND standard_version = :v""")
                .param("c", UUID.fromString(customer)).param("v", before).query(Long.class).single()).isEqualTo(6);

        // The standard back at three rings, for the tests after this one.
        JsonNode restored = expect(201, operator.post("/service-standards/PHONE_ANSWER/versions", """
                {"within": "PT18S", "reason": "three rings again"}""")).json();
        while (Instant.now().isBefore(Instant.parse(restored.get("effectiveFrom").asText()))) {
            Thread.sleep(100);
        }
        JsonNode after = entry(expect(200, analyst.get("/service-standards")).json().get("standards"), "standard",
                "PHONE_ANSWER");
        assertThat(after.get("versionInForce").asInt()).isEqualTo(fiveSeconds + 1);
        assertThat(after.get("withinInForce").asText()).isEqualTo("PT18S");
        assertThat(after.get("versions")).extracting(version -> version.get("within").asText())
                .endsWith("PT5S", "PT18S");
    }

    private String register() {
        String customer = UUID.randomUUID().toString();
        expect(201, api.post("/customers", """
                {"customerId": "%s", "name": "Grace Hopper", "identifiedVia": "CALLER_ID"}""".formatted(customer)));
        return customer;
    }
}
