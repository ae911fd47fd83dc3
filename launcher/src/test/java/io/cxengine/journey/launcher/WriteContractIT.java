package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The promises every write keeps (shared/API.md): idempotency, versions, provenance, and clean refusals. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WriteContractIT extends EngineIntegration {

    private static final String TOUCHPOINT = """
            {"channel": "CHAT", "direction": "INBOUND", "purpose": "order status", "valence": "NEUTRAL"}""";

    String customer;

    @BeforeEach
    void newCustomer() {
        customer = api.registerCustomer("Frances Allen");
    }

    @Test
    @DisplayName("the same Idempotency-Key and body sent 10 times in a row records one set of events, replaying the first answer")
    void idempotentSequentially() {
        List<Api.Response> responses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            responses.add(api.post(touchpoints(), TOUCHPOINT, "Idempotency-Key", "order-status-chat-1"));
        }

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).isEqualTo(201));
        assertThat(responses).extracting(Api.Response::body).containsOnly(responses.get(0).body());
        assertThat(responses).extracting(response -> response.header("Location")).containsOnly(responses.get(0).header("Location"));
        assertThat(responses.get(0).header("Idempotent-Replayed")).isNull();
        assertThat(responses.subList(1, 10)).allSatisfy(r -> assertThat(r.header("Idempotent-Replayed")).isEqualTo("true"));
        assertThat(eventsOf("TouchpointRecorded")).isEqualTo(1);
    }

    @Test
    @DisplayName("the same Idempotency-Key sent 10 times at once records one set of events; the others wait (409) or replay")
    void idempotentConcurrently() throws Exception {
        List<Integer> statuses = Race.statuses(10,
                sender -> api.post(touchpoints(), TOUCHPOINT, "Idempotency-Key", "concurrent-key"));

        // Whether a racer still sees the first one in flight (409) or already replays its answer is timing.
        assertThat(statuses).isSubsetOf(201, 409).contains(201);
        assertThat(eventsOf("TouchpointRecorded")).isEqualTo(1);
        Api.Response retry = api.post(touchpoints(), TOUCHPOINT, "Idempotency-Key", "concurrent-key");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventsOf("TouchpointRecorded")).isEqualTo(1);
    }

    @Test
    @DisplayName("an Idempotency-Key reused with another body is a 422 problem and records nothing")
    void keyReusedWithAnotherBody() {
        assertThat(api.post(touchpoints(), TOUCHPOINT, "Idempotency-Key", "k-422").status()).isEqualTo(201);

        Api.Response reused = api.post(touchpoints(), TOUCHPOINT.replace("CHAT", "EMAIL"), "Idempotency-Key", "k-422");

        assertProblem(reused, 422, "idempotency-key-reused");
        assertThat(eventsOf("TouchpointRecorded")).isEqualTo(1);
    }

    @Test
    @DisplayName("Idempotency-Keys are each client's own: another client's same key neither replays nor blocks")
    void keysPerClient() {
        Api webShop = Api.as(port, "shop-service", "web-shop", "journey.write");
        Api billing = Api.as(port, "billing-service", "billing", "journey.write");
        assertThat(webShop.post(touchpoints(), TOUCHPOINT, "Idempotency-Key", "k-shared").status()).isEqualTo(201);

        Api.Response other = billing.post(touchpoints(), TOUCHPOINT, "Idempotency-Key", "k-shared");
        Api.Response otherBody = Api.as(port, "crm", "crm", "journey.write")
                .post(touchpoints(), TOUCHPOINT.replace("CHAT", "EMAIL"), "Idempotency-Key", "k-shared");

        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(otherBody.status()).as(otherBody.toString()).isEqualTo(201);
        assertThat(eventsOf("TouchpointRecorded")).isEqualTo(3);
        assertThat(webShop.post(touchpoints(), TOUCHPOINT, "Idempotency-Key", "k-shared")
                .header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventsOf("TouchpointRecorded")).isEqualTo(3);
    }

    @Test
    @DisplayName("a refused request releases its Idempotency-Key: nothing was recorded, so the key may be used again")
    void refusedRequestReleasesKey() {
        assertProblem(api.post(touchpoints(), "{\"channel\": \"CHAT\"}", "Idempotency-Key", "k-released"), 400,
                "invalid-request");

        assertThat(api.post(touchpoints(), TOUCHPOINT, "Idempotency-Key", "k-released").status()).isEqualTo(201);
    }

    @Test
    @DisplayName("If-Match with the current version records; a stale one is a 412 problem and records nothing")
    void ifMatch() {
        Api.Response first = api.post(touchpoints(), TOUCHPOINT, "If-Match", "\"0\"");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("ETag")).isEqualTo("\"1\"");

        Api.Response stale = api.post(touchpoints(), TOUCHPOINT, "If-Match", "\"0\"");

        assertProblem(stale, 412, "version-mismatch");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(eventsOf("TouchpointRecorded")).isEqualTo(1);
        assertThat(api.post(touchpoints(), TOUCHPOINT, "If-Match", "W/\"1\"").status()).isEqualTo(201);
        assertProblem(api.post(touchpoints(), TOUCHPOINT, "If-Match", "version one"), 400, "invalid-request");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON            | {"channel": "CHAT",                                                                      | malformed-json
            wrong type (number)       | {"channel": "CHAT", "direction": "INBOUND", "purpose": "x", "valence": "NEUTRAL", "waitSeconds": "long"} | invalid-request
            wrong type (text)         | {"channel": "CHAT", "direction": "INBOUND", "purpose": 42, "valence": "NEUTRAL"}     | invalid-request
            unknown enum value        | {"channel": "PIGEON", "direction": "INBOUND", "purpose": "x", "valence": "NEUTRAL"}  | invalid-request
            missing fields            | {"channel": "CHAT"}                                                                  | invalid-request
            unknown field             | {"channel": "CHAT", "direction": "INBOUND", "purpose": "x", "valence": "NEUTRAL", "mood": "grumpy"} | invalid-request
            negative wait             | {"channel": "CHAT", "direction": "INBOUND", "purpose": "x", "valence": "NEUTRAL", "waitSeconds": -1} | invalid-request
            occurred in the future    | {"channel": "CHAT", "direction": "INBOUND", "purpose": "x", "valence": "NEUTRAL", "occurredAt": "2999-01-01T00:00:00Z"} | invalid-request
            not an object             | ["CHAT"]                                                                             | invalid-request
            """)
    @DisplayName("bad bodies are 400 problems and record nothing")
    void badBodies(String why, String body, String problemType) {
        assertProblem(api.post(touchpoints(), body), 400, problemType);
        assertThat(eventsOf("TouchpointRecorded")).as(why).isZero();
    }

    @Test
    @DisplayName("an unknown enum value names the allowed values")
    void unknownEnumNamesAllowedValues() {
        Api.Response problem = api.post(touchpoints(), """
                {"channel": "PIGEON", "direction": "INBOUND", "purpose": "x", "valence": "NEUTRAL"}""");

        assertThat(problem.json().get("detail").asText()).contains("PIGEON", "EMAIL", "PHONE", "FACE_TO_FACE");
        assertThat(problem.json().get("allowedValues")).hasSize(9);
        assertThat(problem.json().get("errors").get(0).get("field").asText()).isEqualTo("channel");
    }

    @Test
    @DisplayName("a body over the limit is a 413 problem, a body that is not JSON a 415 problem; neither records anything")
    void oversizedAndNotJson() {
        String note = "x".repeat(70_000);
        assertProblem(api.post(touchpoints(), TOUCHPOINT.replace("}", ", \"note\": \"" + note + "\"}")), 413,
                "payload-too-large");
        Api.Response notJson = api.postRaw(touchpoints(), "text/plain", "channel=CHAT".getBytes(StandardCharsets.UTF_8));
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventsOf("TouchpointRecorded")).isZero();
    }

    @Test
    @DisplayName("the correlation id, the token's subject and client, and the idempotency key are stored with every event")
    void provenanceIsStored() throws Exception {
        Api.Response response = Api.as(port, "agent-0042", "contact-centre", "journey.write").post(touchpoints(),
                TOUCHPOINT, "X-Correlation-Id", "ticket-4711", "Idempotency-Key", "prov-1",
                "User-Agent", "forged-system/1.0");
        assertThat(response.header("X-Correlation-Id")).isEqualTo("ticket-4711");

        JsonNode metaData = new ObjectMapper().readTree(jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                         WHERE aggregate_identifier = :id AND payload_type LIKE '%TouchpointRecorded'""")
                .param("id", customer).query(String.class).single());
        assertThat(metaData.get("correlationId").asText()).isEqualTo("ticket-4711");
        assertThat(metaData.get("principal").asText()).isEqualTo("agent-0042");
        assertThat(metaData.get("system").asText()).isEqualTo("contact-centre");
        assertThat(metaData.get("idempotencyKey").asText()).isEqualTo("prov-1");
        assertThat(metaData.get("causationId").asText()).isNotBlank();
        assertThat(metaData.has("idempotencyClaim")).isFalse();
        assertThat(api.post(touchpoints(), TOUCHPOINT).header("X-Correlation-Id")).isNotBlank();
    }

    @Test
    @DisplayName("a late-logged contact is accepted with the time it happened")
    void lateLogged() {
        Instant lastWeek = Instant.now().minusSeconds(7 * 86_400);
        assertThat(api.post(touchpoints(), """
                {"channel": "FAX", "direction": "INBOUND", "purpose": "complaint letter", "valence": "NEGATIVE",
                 "occurredAt": "%s"}""".formatted(lastWeek)).status()).isEqualTo(201);
    }

    private String touchpoints() {
        return "/customers/" + customer + "/touchpoints";
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).endsWith("/" + type);
        assertThat(response.json().get("title").asText()).isNotBlank();
        assertThat(response.json().get("detail").asText()).isNotBlank();
    }

    private long eventsOf(String type) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE aggregate_identifier = :id AND payload_type LIKE :type""")
                .param("id", customer).param("type", "%$" + type)
                .query(Long.class).single();
    }
}
