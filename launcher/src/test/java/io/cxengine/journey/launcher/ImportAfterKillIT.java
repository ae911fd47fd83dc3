package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An import survives {@code kill -9} of the engine in the middle of it: the next engine, on the same data directory,
 * resumes it from the same file and the same {@code Import-Id}, and every line is recorded exactly once, each
 * customer's history in file order and its hash chain intact.
 */
class ImportAfterKillIT extends EngineProcesses {

    private static final int CUSTOMERS = 40;
    private static final int ROUNDS = 25;

    @Test
    @DisplayName("kill -9 mid-import; the next engine resumes it: every line once, in order, chains intact")
    void resumedAfterTheEngineIsKilled() throws Exception {
        String importId = UUID.randomUUID().toString();
        List<String> customers = IntStream.range(0, CUSTOMERS).mapToObj(i -> UUID.randomUUID().toString()).toList();
        List<String> lines = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (String customer : customers) {
                lines.add(round == 0
                        ? "{\"path\": \"/customers\", \"body\": {\"customerId\": \"%s\", \"name\": \"Customer %d\", \"identifiedVia\": \"IMPORT\", \"occurredAt\": \"2011-01-01T00:00:00Z\"}}"
                        .formatted(customer, customers.indexOf(customer))
                        : "{\"path\": \"/customers/%s/touchpoints\", \"body\": {\"channel\": \"CHAT\", \"direction\": \"INBOUND\", \"purpose\": \"round %d\", \"valence\": \"NEUTRAL\", \"occurredAt\": \"2011-01-%02dT10:00:00Z\"}}"
                        .formatted(customer, round, round + 1));
            }
        }
        byte[] file = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        int port = EngineProcess.freePort();

        try (EngineProcess engine = EngineProcess.start(data(), workingDirectory.resolve("first.log"), port,
                "--journey.imports.batch-lines=25")) {
            // The file trickles in, so that the kill finds the import in the middle.
            CompletableFuture<HttpResponse<String>> first = HttpClient.newHttpClient().sendAsync(
                    importRequest(port, engine.api(), importId,
                            HttpRequest.BodyPublishers.ofInputStream(() -> new Trickle(file, 400, 20))),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Api.Response report = engine.api().get("/imports/" + importId);
                return report.status() == 200 && report.json().get("lines").asLong() >= 200;
            });
            JsonNode running = engine.api().get("/imports/" + importId).json();
            assertThat(running.get("state").asText()).as(running.toString()).isEqualTo("RUNNING");
            assertThat(running.get("linesPerSecond").asDouble()).isPositive();
            engine.kill();
            assertThat(first).failsWithin(Duration.ofSeconds(30));
        }

        try (EngineProcess engine = EngineProcess.start(data(), workingDirectory.resolve("second.log"), port)) {
            Api api = engine.api();
            JsonNode stopped = api.get("/imports/" + importId).json();
            assertThat(stopped.get("state").asText()).isEqualTo("STOPPED");
            long done = stopped.get("lines").asLong();
            assertThat(done).as("whole batches done before the kill").isBetween(200L, (long) lines.size() - 1)
                    .matches(count -> count % 25 == 0, "a multiple of the batch");

            HttpResponse<String> resumed = HttpClient.newHttpClient().send(importRequest(port, api, importId,
                    HttpRequest.BodyPublishers.ofByteArray(file)), HttpResponse.BodyHandlers.ofString());
            assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
            JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(resumed.body());
            assertThat(report.get("state").asText()).isEqualTo("FINISHED");
            assertThat(report.get("lines").asLong()).isEqualTo(lines.size());
            assertThat(report.get("facts").asLong()).isEqualTo(lines.size());
            assertThat(report.get("refusals").asLong()).isZero();

            for (String customer : customers) {
                JsonNode history = api.get("/customers/" + customer + "/history?limit=100").json();
                assertThat(history.get("totalEvents").asLong()).as("customer %s", customer).isEqualTo(ROUNDS);
                Set<String> importLines = new HashSet<>(history.get("events").findValuesAsText("importLine"));
                assertThat(importLines).as("each line of customer %s once", customer).hasSize(ROUNDS);
                assertThat(history.get("events").findValuesAsText("occurredAt")).isSorted();
                JsonNode verified = api.get("/customers/" + customer + "/history/verify").json();
                assertThat(verified.get("verified").asBoolean()).as(verified.toString()).isTrue();
            }
        }
    }

    private static HttpRequest importRequest(int port, Api api, String importId, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/imports"))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", api.authorization())
                .header("Import-Id", importId)
                .timeout(Duration.ofMinutes(2))
                .POST(body).build();
    }

}
