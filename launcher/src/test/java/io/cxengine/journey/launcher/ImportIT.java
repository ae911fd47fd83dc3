package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengine.journey.cli.ImportClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bulk import ({@code POST /imports}): lines recorded in order per customer under the same rules and the same hash
 * chain as single commands, refusals reported by line number, a cut-off import resumed from its last batch (a
 * repeated line records nothing), and an import's id kept to its file and its client. The test contexts commit an
 * import every 7 lines ({@code journey.imports.batch-lines}), so every import here crosses batches; lines 15 to 17
 * of the first are a refusal between two writes of one customer within one batch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportIT extends EngineIntegration {

    private static final String NDJSON = "application/x-ndjson";

    @Autowired
    MeterRegistry meters;

    private double counted(String counter) {
        return meters.get("journey.imports." + counter).counter().count();
    }

    @Test
    @DisplayName("an import records its lines in order, per customer, in the hash chain; refusals are reported by line")
    void linesInOrderWithRefusalsByLine() {
        String ada = UUID.randomUUID().toString();
        String grace = UUID.randomUUID().toString();
        String complaint = UUID.randomUUID().toString();
        String importId = UUID.randomUUID().toString();
        String file = String.join("\n",
                register(ada, "Ada Lovelace"),                                                        // 1
                touchpoint(ada, "first call", "2011-01-04T10:00:00Z"),                                // 2
                line("/customers/" + ada + "/complaints", """
                        {"complaintId": "%s", "category": "BILLING_MISTAKE", "description": "Charged twice",
                         "severity": "HIGH", "occurredAt": "2011-01-04T10:05:00Z"}""".formatted(complaint)), // 3
                line("/customers/" + ada + "/complaints/" + complaint + "/acknowledgement", null),    // 4
                "{\"path\": \"/customers\", \"body\": ",                                              // 5 not JSON
                "",                                                                                    // 6 blank
                line("/customers/" + ada + "/telegrams", "{}"),                                       // 7 no endpoint
                line("/customers/" + ada + "/touchpoints", """
                        {"direction": "INBOUND", "purpose": "no channel", "valence": "NEUTRAL"}"""),  // 8 invalid
                line("/customers/" + ada + "/complaints/" + complaint + "/acknowledgement", null),    // 9 rule
                touchpoint(ada, "second call", "2011-01-05T10:00:00Z"),                               // 10
                touchpoint(grace, "before registering", "2011-01-05T11:00:00Z"),                      // 11 unknown
                register(grace, "Grace Hopper"),                                                      // 12
                line("/customers/" + grace + "/purchases", """
                        {"orderId": "536365", "amount": {"amount": "139.12", "currency": "GBP"},
                         "occurredAt": "2011-01-06T09:00:00Z"}"""),                                   // 13
                line("/customers/" + ada + "/complaints/" + complaint + "/resolution", """
                        {"resolution": "Refunded", "occurredAt": "2011-01-06T10:00:00Z"}"""),        // 14
                touchpoint(ada, "third call", "2011-01-07T10:00:00Z"),                                // 15
                line("/customers/" + ada + "/apologies", """
                        {"complaintId": "%s", "reason": "MISTAKE", "by": "agent-7"}"""
                        .formatted(UUID.randomUUID())),                                               // 16 unknown
                touchpoint(ada, "fourth call", "2011-01-08T10:00:00Z"));                              // 17

        List<String> counters = List.of("lines", "commands", "facts", "refusals");
        List<Double> before = counters.stream().map(this::counted).toList();

        Api.Response answer = importFile(importId, file);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.header("Location")).isEqualTo("/imports/" + importId);
        JsonNode report = answer.json();
        assertThat(report.get("state").asText()).isEqualTo("FINISHED");
        for (int i = 0; i < counters.size(); i++) {
            assertThat(counted(counters.get(i)) - before.get(i)).as("journey.imports." + counters.get(i))
                    .isEqualTo(report.get(counters.get(i)).asDouble());
        }
        assertThat(meters.get("journey.imports.running").gauge().value()).isZero();
        assertThat(report.get("lines").asLong()).isEqualTo(17);
        assertThat(report.get("commands").asLong()).isEqualTo(10);
        assertThat(report.get("refusals").asLong()).isEqualTo(6);
        assertThat(report.get("refusedLines").findValuesAsText("line"))
                .containsExactly("5", "7", "8", "9", "11", "16");
        assertThat(report.get("refusedLines").findValues("problem").stream()
                .map(problem -> problem.get("type").asText().replace("https://cxengine.io/problems/", "")))
                .containsExactly("malformed-json", "invalid-request", "invalid-request", "journey-rule",
                        "unknown-customer", "unknown-complaint");
        assertThat(report.at("/refusedLines/2/problem/errors/0/field").asText()).isEqualTo("channel");

        assertThat(StoredEvents.types(jdbc, ada)).containsExactly("CustomerRegistered", "TouchpointRecorded", "ComplaintFiled",
                "ComplaintAcknowledged", "TouchpointRecorded", "ComplaintResolved", "TouchpointRecorded",
                "TouchpointRecorded");
        assertThat(StoredEvents.types(jdbc, grace)).containsExactly("CustomerRegistered", "PurchaseRecorded");
        assertThat(report.get("facts").asLong()).isEqualTo(10);
        assertThat(importLines(ada)).containsExactly(1L, 2L, 3L, 4L, 10L, 14L, 15L, 17L);
        assertThat(principals(ada)).containsOnly("test-system");
        for (String customer : List.of(ada, grace)) {
            JsonNode verified = api.get("/customers/" + customer + "/history/verify").json();
            assertThat(verified.get("verified").asBoolean()).as(verified.toString()).isTrue();
        }

        JsonNode followed = api.get("/imports/" + importId + "?afterLine=8&limit=2").json();
        assertThat(followed.get("refusedLines").findValuesAsText("line")).containsExactly("9", "11");
        assertThat(followed.get("lines").asLong()).isEqualTo(17);
    }

    @Test
    @DisplayName("an import cut off mid-stream resumes after its last batch: every line recorded once, a repeat records nothing")
    void resumedAfterACutOff() throws Exception {
        String importId = UUID.randomUUID().toString();
        List<String> customers = IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID().toString()).toList();
        List<String> lines = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (String customer : customers) {
                lines.add(round == 0 ? register(customer, "Customer " + customer.substring(0, 8))
                        : touchpoint(customer, "round " + round, "2011-02-0%dT10:00:00Z".formatted(round)));
            }
        }
        String file = String.join("\n", lines) + "\n";

        // The client dies after 20 of 30 lines: the stream breaks off without its end.
        assertThatThrownBy(() -> importBrokenOff(importId, lines.subList(0, 20)))
                .isInstanceOf(IOException.class);
        JsonNode stopped = awaitStopped(importId);
        assertThat(stopped.get("lines").asLong()).as("whole batches of 7 were recorded").isEqualTo(14);
        assertThat(stopped.get("finishedAt")).isNull();

        Api.Response resumed = importFile(importId, file);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().get("lines").asLong()).isEqualTo(30);
        assertThat(resumed.json().get("refusals").asLong()).isZero();
        assertThat(resumed.json().get("state").asText()).isEqualTo("FINISHED");
        for (String customer : customers) {
            assertThat(StoredEvents.types(jdbc, customer)).as("customer %s: each line once", customer).containsExactly(
                    "CustomerRegistered", "TouchpointRecorded", "TouchpointRecorded", "TouchpointRecorded",
                    "TouchpointRecorded");
        }

        Api.Response repeated = importFile(importId, file);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json().get("facts").asLong()).isEqualTo(30);
        assertThat(customers.stream().mapToLong(customer -> StoredEvents.types(jdbc, customer).size()).sum()).isEqualTo(30);
    }

    @Test
    @DisplayName("an import id keeps to its file and its client: another file is 422, another client 409 and 404")
    void importIdKeptToItsFileAndClient() {
        String importId = UUID.randomUUID().toString();
        String customer = UUID.randomUUID().toString();
        String file = register(customer, "Frances Allen") + "\n" + touchpoint(customer, "hello", "2011-03-01T10:00:00Z");
        assertThat(importFile(importId, file).status()).isEqualTo(201);

        Api.Response otherFile = importFile(importId, register(UUID.randomUUID().toString(), "Someone Else"));
        assertThat(otherFile.status()).as(otherFile.toString()).isEqualTo(422);
        assertThat(otherFile.json().get("type").asText()).endsWith("/import-file-changed");

        Api other = Api.as(port, "another-system", "another-client", "journey.write");
        Api.Response taken = other.postRaw("/imports", NDJSON, file.getBytes(StandardCharsets.UTF_8),
                "Import-Id", importId);
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.json().get("type").asText()).endsWith("/import-id-taken");
        assertThat(other.get("/imports/" + importId).status()).isEqualTo(404);
        assertThat(api.get("/imports/" + importId + "?limit=5000").status()).isEqualTo(400);
        assertThat(StoredEvents.types(jdbc, customer)).hasSize(2);
    }

    @Test
    @DisplayName("an import's clocks: one answered within the import leaves no deadline, one still running is scheduled")
    void clocksOfAnImport() {
        String customer = UUID.randomUUID().toString();
        String unanswered = UUID.randomUUID().toString();
        String answered = UUID.randomUUID().toString();
        String file = String.join("\n", register(customer, "Hedy Lamarr"),
                line("/customers/" + customer + "/touchpoints", """
                        {"touchpointId": "%s", "channel": "PHONE", "direction": "INBOUND", "purpose": "call me",
                         "valence": "NEUTRAL", "callbackRequested": true, "occurredAt": "2011-05-01T09:00:00Z"}"""
                        .formatted(answered)),
                line("/customers/" + customer + "/touchpoints", """
                        {"channel": "PHONE", "direction": "OUTBOUND", "purpose": "called back", "valence": "POSITIVE",
                         "occurredAt": "2011-05-01T10:00:00Z"}"""),
                line("/customers/" + customer + "/touchpoints", """
                        {"touchpointId": "%s", "channel": "EMAIL", "direction": "INBOUND", "purpose": "a question",
                         "valence": "NEUTRAL", "occurredAt": "2011-05-02T09:00:00Z"}""".formatted(unanswered)));

        assertThat(importFile(UUID.randomUUID().toString(), file).status()).isEqualTo(201);

        List<String> clocks = jdbc.sql("""
                        SELECT substr(schedule_id, 38) FROM service_clock WHERE schedule_id LIKE :c || '/%'""")
                .param("c", customer).query(String.class).list();
        assertThat(clocks).as("its deadline is scheduled: a row keyed by the clock")
                .containsExactly("EMAIL_RESPONSE/" + unanswered);
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline'")
                .query(Long.class).single()).as("nothing with db-scheduler").isZero();
    }

    @Test
    @DisplayName("single writes to the customers of a running import take turns with its batches: all recorded, chains intact")
    void singleWritesBesideAnImport() throws Exception {
        List<String> customers = IntStream.range(0, 5).mapToObj(i -> api.registerCustomer("Customer " + i)).toList();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add(touchpoint(customers.get(i % 5), "imported " + i, "2011-06-01T10:00:00Z"));
        }
        byte[] file = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        String importId = UUID.randomUUID().toString();
        var importing = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/imports"))
                .header("Content-Type", NDJSON).header("Authorization", api.authorization())
                .header("Import-Id", importId).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Trickle(file, 600, 10))).build(),
                HttpResponse.BodyHandlers.ofString());

        List<Api.Response> single = Race.responses(4, writer -> {
            List<Api.Response> answers = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                answers.add(api.post("/customers/" + customers.get((writer + n) % 5) + "/touchpoints", """
                        {"channel": "CHAT", "direction": "INBOUND", "purpose": "live %d-%d", "valence": "NEUTRAL"}"""
                        .formatted(writer, n)));
            }
            return answers.stream().filter(answer -> answer.status() != 201).findFirst().orElse(answers.get(0));
        });

        assertThat(single).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(201));
        HttpResponse<String> imported = importing.get();
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(imported.body());
        assertThat(report.get("facts").asLong()).isEqualTo(300);
        assertThat(report.get("refusals").asLong()).isZero();
        assertThat(customers.stream().mapToLong(customer -> StoredEvents.types(jdbc, customer).size()).sum())
                .as("5 registrations, 300 imported, 80 single").isEqualTo(385);
        for (String customer : customers) {
            JsonNode verified = api.get("/customers/" + customer + "/history/verify").json();
            assertThat(verified.get("verified").asBoolean()).as(verified.toString()).isTrue();
        }
    }

    @Test
    @DisplayName("an engine runs at most four imports at once (a fifth is 429); a batch marks its lines done only from where the import stood")
    void importsAtOnceAndWhereTheyStand() throws Exception {
        List<String> ids = IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID().toString()).toList();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
        for (String id : ids) {
            String customer = api.registerCustomer("Customer of " + id);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                lines.add(touchpoint(customer, "line " + i, "2011-07-01T10:00:00Z"));
            }
            byte[] file = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            running.add(HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/imports"))
                    .header("Content-Type", NDJSON).header("Authorization", api.authorization())
                    .header("Import-Id", id).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Trickle(file, 200, 100))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (String id : ids) {
            for (int attempt = 0; attempt < 100 && !state(id).equals("RUNNING"); attempt++) {
                Thread.sleep(50);
            }
            assertThat(state(id)).isEqualTo("RUNNING");
        }

        Api.Response fifth = importFile(UUID.randomUUID().toString(), register(UUID.randomUUID().toString(), "Later"));
        assertThat(fifth.status()).as(fifth.toString()).isEqualTo(429);
        assertThat(fifth.json().get("type").asText()).endsWith("/imports-busy");
        assertThat(fifth.header("Retry-After")).isNotNull();

        // As if another request had done lines of the first import meanwhile: its next batch records nothing.
        jdbc.sql("UPDATE import_job SET lines = lines + 1000 WHERE import_id = :id")
                .param("id", UUID.fromString(ids.get(0))).update();
        HttpResponse<String> moved = running.get(0).get();
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(500);
        long done = jdbc.sql("SELECT lines FROM import_job WHERE import_id = :id")
                .param("id", UUID.fromString(ids.get(0))).query(Long.class).single();
        long recorded = jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'importLine' LIKE :id""")
                .param("id", ids.get(0) + "#%").query(Long.class).single();
        assertThat(recorded).as("only the lines marked done before the move").isEqualTo(done - 1000);
        for (int i = 1; i < 4; i++) {
            assertThat(running.get(i).get().statusCode()).isEqualTo(201);
        }
    }

    private String state(String importId) {
        Api.Response report = api.get("/imports/" + importId);
        return report.status() == 200 ? report.json().get("state").asText() : "";
    }

    @Test
    @DisplayName("the command-line client sends a file, and lists the refused lines")
    void commandLineClient(@TempDir Path directory) throws Exception {
        String customer = UUID.randomUUID().toString();
        Path file = directory.resolve("history.ndjson");
        Files.writeString(file, String.join("\n", register(customer, "Karen Spärck Jones"),
                touchpoint(customer, "first", "2011-04-01T10:00:00Z"),
                line("/customers/" + customer + "/loss", "{\"reason\": \"COMPETITOR\"}"),
                line("/customers/" + customer + "/loss", "{\"reason\": \"COMPETITOR\"}")) + "\n");
        UUID importId = UUID.randomUUID();
        ByteArrayOutputStream drawn = new ByteArrayOutputStream();

        ImportClient.Result result = new ImportClient(URI.create("http://localhost:" + port),
                api.authorization().substring("Bearer ".length()), Duration.ofMillis(100),
                new PrintStream(drawn, true, StandardCharsets.UTF_8)).send(file, importId, 3, 10);

        assertThat(result.finished()).as(result.text()).isTrue();
        assertThat(result.lines()).isEqualTo(4);
        assertThat(result.facts()).isEqualTo(3);
        assertThat(result.refusedLines()).singleElement().asString().startsWith("line 4: ")
                .contains("already lost");
        assertThat(result.text()).contains("4 lines", "3 facts", "1 refused");
        assertThat(StoredEvents.types(jdbc, customer)).containsExactly("CustomerRegistered", "TouchpointRecorded", "AccountLost");
    }

    private Api.Response importFile(String importId, String file) {
        return api.postRaw("/imports", NDJSON, file.getBytes(StandardCharsets.UTF_8), "Import-Id", importId);
    }

    /** Sends these lines, then breaks the request off as a client that dies would (no end of the body). */
    private void importBrokenOff(String importId, List<String> lines) throws Exception {
        byte[] sent = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher breaksOff = HttpRequest.BodyPublishers.fromPublisher(subscriber ->
                subscriber.onSubscribe(new Flow.Subscription() {
                    private boolean done;

                    @Override
                    public void request(long n) {
                        if (done) {
                            return;
                        }
                        done = true;
                        subscriber.onNext(ByteBuffer.wrap(sent));
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        subscriber.onError(new IOException("the client died"));
                    }

                    @Override
                    public void cancel() {
                        done = true;
                    }
                }));
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/imports"))
                        .header("Content-Type", NDJSON)
                        .header("Authorization", api.authorization())
                        .header("Import-Id", importId)
                        .timeout(Duration.ofSeconds(30))
                        .POST(breaksOff).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitStopped(String importId) throws InterruptedException {
        JsonNode report = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            Api.Response answer = api.get("/imports/" + importId);
            if (answer.status() == 200 && (report = answer.json()).get("state").asText().equals("STOPPED")) {
                return report;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The import did not stop: " + report);
    }

    private List<Long> importLines(String customer) {
        return jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'importLine' FROM domain_event_entry
                         WHERE aggregate_identifier = :c ORDER BY sequence_number""")
                .param("c", customer)
                .query(String.class).list().stream()
                .map(line -> Long.parseLong(line.substring(line.indexOf('#') + 1))).toList();
    }

    private List<String> principals(String customer) {
        return jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'principal' FROM domain_event_entry
                         WHERE aggregate_identifier = :c""")
                .param("c", customer)
                .query(String.class).list();
    }

    @Test
    @DisplayName("lines under Idempotency-Keys: a request's write is not recorded again, a request replays a line's, a key promised for another body is refused by line")
    void linesUnderIdempotencyKeys() {
        String customer = api.registerCustomer("Katherine Johnson");
        String path = "/customers/" + customer + "/touchpoints";
        String first = "{\"touchpointId\": \"%s\", \"channel\": \"PHONE\", \"direction\": \"INBOUND\", \"purpose\": \"orbit\", \"valence\": \"POSITIVE\"}"
                .formatted(UUID.randomUUID());
        String second = "{\"touchpointId\": \"%s\", \"channel\": \"EMAIL\", \"direction\": \"INBOUND\", \"purpose\": \"re-entry\", \"valence\": \"NEUTRAL\"}"
                .formatted(UUID.randomUUID());
        String requestKey = "request-" + UUID.randomUUID();
        String lineKey = "line-" + UUID.randomUUID();
        Api.Response sent = api.post(path, first, "Idempotency-Key", requestKey);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);

        String file = String.join("\n",
                keyed(path, requestKey, first),                                           // 1 the request's: a repeat
                keyed(path, lineKey, second),                                             // 2 recorded
                keyed(path, lineKey, second),                                             // 3 the same line: a repeat
                keyed(path, requestKey, second),                                          // 4 the key, another body
                keyed(path, "\u00e9t\u00e9", second));                                    // 5 not a key
        JsonNode report = importFile(UUID.randomUUID().toString(), file).json();

        assertThat(report.get("lines").asLong()).isEqualTo(5);
        assertThat(report.get("refusedLines").findValuesAsText("line")).containsExactly("4", "5");
        assertThat(report.get("refusedLines").findValues("problem").stream()
                .map(problem -> problem.get("type").asText().replace("https://cxengine.io/problems/", "")))
                .containsExactly("idempotency-key-reused", "invalid-request");
        assertThat(StoredEvents.types(jdbc, customer)).as("each touchpoint once").containsExactly("CustomerRegistered",
                "TouchpointRecorded", "TouchpointRecorded");

        Api.Response replayed = api.post(path, second, "Idempotency-Key", lineKey);
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json().get("version").asLong()).isEqualTo(2);
        assertThat(StoredEvents.types(jdbc, customer)).hasSize(3);
        assertThat(api.post(path, first, "Idempotency-Key", lineKey).status()).as("the line's key, another body")
                .isEqualTo(422);
    }

    /** A line under an {@code Idempotency-Key}, its body written exactly as given. */
    private static String keyed(String path, String key, String body) {
        return "{\"path\": \"%s\", \"idempotencyKey\": \"%s\", \"body\": %s}".formatted(path, key, body);
    }

    private static String register(String customer, String name) {
        return line("/customers", """
                {"customerId": "%s", "name": "%s", "identifiedVia": "IMPORT", "occurredAt": "2011-01-04T09:00:00Z"}"""
                .formatted(customer, name));
    }

    private static String touchpoint(String customer, String purpose, String occurredAt) {
        return line("/customers/" + customer + "/touchpoints", """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "%s", "valence": "POSITIVE",
                 "occurredAt": "%s"}""".formatted(purpose, occurredAt));
    }

    /** One line of an import: the endpoint's path and its body (left out if null), on one line. */
    private static String line(String path, String body) {
        String oneLine = body == null ? null : body.replace("\n", " ");
        return oneLine == null ? "{\"path\": \"%s\"}".formatted(path)
                : "{\"path\": \"%s\", \"body\": %s}".formatted(path, oneLine);
    }
}
