package io.cxengine.journey.launcher;

import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Prometheus scrape of the running engine (issue #15): the engine's own meters move as commands are recorded,
 * replayed and refused and as the projections follow; Axon's meters are there with their dimensions; the scrape needs
 * {@code journey.admin}; the probes answer anyone.
 */
class ObservabilityIT extends EngineIntegration {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.config.Configuration axon;

    @Test
    @DisplayName("commands by outcome, refusals by rule, replays, projection lag and Axon's meters show in the scrape")
    void theMainMetersMove() {
        String scrape = scrape();
        double recorded = value(scrape, "journey_commands_total",
                Map.of("command", "RegisterCustomer", "outcome", "recorded"));
        double replayed = value(scrape, "journey_commands_total",
                Map.of("command", "RegisterCustomer", "outcome", "replayed"));
        double refusedRule = value(scrape, "journey_refusals_total",
                Map.of("command", "LoseAccount", "rule", "journey-rule"));
        double unknownComplaint = value(scrape, "journey_refusals_total",
                Map.of("command", "AcknowledgeComplaint", "rule", "unknown-complaint"));

        String customer = UUID.randomUUID().toString();
        String registration = """
                {"customerId": "%s", "name": "Ada Lovelace", "identifiedVia": "IMPORT"}""".formatted(customer);
        assertThat(api.post("/customers", registration, "Idempotency-Key", "metrics-" + customer).status())
                .isEqualTo(201);
        Api.Response again = api.post("/customers", registration, "Idempotency-Key", "metrics-" + customer);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.post("/customers/" + customer + "/loss", """
                {"reason": "COMPETITOR"}""").status()).isEqualTo(200);
        assertThat(api.post("/customers/" + customer + "/loss", """
                {"reason": "COMPETITOR"}""").status()).as("lost twice").isEqualTo(409);
        assertThat(api.post("/customers/" + customer + "/complaints/" + UUID.randomUUID() + "/acknowledgement", "{}")
                .status()).isEqualTo(404);

        String after = scrape();
        assertThat(value(after, "journey_commands_total", Map.of("command", "RegisterCustomer", "outcome", "recorded")))
                .isEqualTo(recorded + 1);
        assertThat(value(after, "journey_commands_total", Map.of("command", "RegisterCustomer", "outcome", "replayed")))
                .isEqualTo(replayed + 1);
        assertThat(value(after, "journey_refusals_total", Map.of("command", "LoseAccount", "rule", "journey-rule")))
                .isEqualTo(refusedRule + 1);
        assertThat(value(after, "journey_refusals_total",
                Map.of("command", "AcknowledgeComplaint", "rule", "unknown-complaint"))).isEqualTo(unknownComplaint + 1);

        // Every projection's segments have a lag, and it comes back to zero once they have caught up.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String now = scrape();
            for (String projection : new String[]{"customer-profile", "moment-of-truth", "lost-account",
                    "agent-briefing", "analytics"}) {
                assertThat(now).contains("journey_projection_lag_events{projection=\"%s\",segment=\"0\"}"
                        .formatted(projection));
                assertThat(value(now, "journey_projection_lag_events", Map.of("projection", projection)))
                        .as(projection).isZero();
                assertThat(value(now, "journey_projection_lag_seconds", Map.of("projection", projection)))
                        .as(projection).isZero();
            }
        });
        String caughtUp = scrape();
        assertThat(caughtUp).contains("journey_projection_dead_letters{projection=\"analytics\"}")
                .contains("journey_rebuild_running");
        // Axon's own meters, with dimensions: the command bus by payload type, the processors by name.
        assertThat(caughtUp).containsPattern("commandBus\\w*\\{[^}]*payloadType=\"RegisterCustomer\"")
                .containsPattern("eventProcessor\\w*\\{[^}]*processorName=\"analytics\"")
                .containsPattern("eventProcessor_ingestedCounter_total\\{payloadType=\"CustomerRegistered\","
                        + "processorName=\"analytics\"}")
                .containsPattern("eventProcessor_latency\\{processorName=\"analytics\"}");
        // Kept per payload type by the engine's ProcessorMeters, not looked up for every event as Axon's monitors do.
        assertThat(axon.messageMonitor(PooledStreamingEventProcessor.class, "analytics").getClass().getSimpleName())
                .isEqualTo("ProcessorMeters");
    }

    @Test
    @DisplayName("the scrape needs journey.admin; liveness and readiness answer anyone")
    void scrapeAndProbes() {
        assertThat(Api.withScopes(port, "journey.read").get("/actuator/prometheus").status()).isEqualTo(403);
        Api anyone = Api.withAuthorization(port, null);
        assertThat(anyone.get("/actuator/prometheus").status()).isEqualTo(401);
        for (String probe : new String[]{"/actuator/health/liveness", "/actuator/health/readiness"}) {
            Api.Response answer = anyone.get(probe);
            assertThat(answer.status()).as(probe).isEqualTo(200);
            assertThat(answer.json().get("status").asText()).as(probe).isEqualTo("UP");
        }
    }

    private String scrape() {
        Api.Response scrape = api.get("/actuator/prometheus");
        assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
        return scrape.body();
    }

    /** The sum of the samples of this meter whose labels include these (0 when there is none). */
    static double value(String scrape, String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new java.util.HashMap<>();
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                found.put(label.group(1), label.group(2));
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }
}
