package io.cxengine.journey.launcher;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an integration test of the whole engine starts from: the engine on a random port over the shared embedded
 * PostgreSQL, its HTTP API as a caller with every scope ({@link Api}, made afresh before each test), and the database
 * to check what was recorded ({@link StoredEvents}). A test class with settings of its own declares its own
 * {@code @SpringBootTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class EngineIntegration {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Api api;

    @BeforeEach
    void callerWithEveryScope() {
        api = new Api(port);
    }

    /** The response, after checking its status (the response itself says what came back when it is not). */
    static Api.Response expect(int status, Api.Response response) {
        org.assertj.core.api.Assertions.assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    /** The item of a JSON array whose {@code field} is {@code value} (e.g. a standard of the book); fails if none is. */
    static com.fasterxml.jackson.databind.JsonNode entry(com.fasterxml.jackson.databind.JsonNode items, String field,
                                                         String value) {
        for (com.fasterxml.jackson.databind.JsonNode item : items) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        throw new AssertionError("No " + field + " " + value + " in " + items);
    }

    /** An inbound call the caller waited {@code waitSeconds} for, as a contact centre records it: its touchpoint id. */
    String call(String customer, int waitSeconds, java.time.Instant at) {
        return expect(201, api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "order status", "valence": "NEUTRAL",
                 "waitSeconds": %d, "occurredAt": "%s"}""".formatted(waitSeconds, at)))
                .json().get("touchpointId").asText();
    }

    /** Waits until the processing group has taken every event recorded so far, as the admin API says. */
    void awaitCaughtUp(String processingGroup) {
        long head = StoredEvents.head(jdbc);
        Api admin = Api.withScopes(port, "journey.admin");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200)).until(() ->
                        admin.get("/admin/projections/" + processingGroup).json().get("position").asLong() >= head);
    }
}
