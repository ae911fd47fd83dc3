package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.launcher.HostileRequests.Operation;
import io.cxengine.journey.launcher.HostileRequests.Request;
import io.cxengine.journey.launcher.HostileRequests.Targets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 7 of the fault suite: hostile requests generated from the engine's OpenAPI document (see
 * {@link HostileRequests}), each with a valid token holding the scopes its operation names, while valid traffic runs
 * beside them. Afterwards: no 5xx, every refusal an RFC 9457 problem with its type, title and status, no fact recorded
 * by a refused request (events and idempotency keys are told apart by the request's correlation id), every valid
 * request answered, nothing parked in a dead-letter queue and every projection at the head of the store.
 * <p>
 * {@code -Dhostile.requests=N} sets the size (1,000 by default), {@code -Dhostile.seed=S} the seed (random by
 * default, printed), {@code -Dhostile.only=n,m} replays only those requests of the seed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileRequestsIT extends EngineIntegration {

    static final int REQUESTS = Integer.getInteger("hostile.requests", 1_000);
    static final long SEED = Long.getLong("hostile.seed", new Random().nextLong());
    static final String ONLY = System.getProperty("hostile.only", "");
    static final int THREADS = Integer.getInteger("hostile.threads", 4);
    private static final ObjectMapper JSON = new ObjectMapper();


    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** What one hostile request got back, or how it failed to get anything. */
    record Outcome(Request request, int status, String contentType, String body, String failure) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    @Test
    @DisplayName("hostile requests beside valid traffic: no 5xx, every refusal a problem, nothing recorded by a refusal, no poisoned view")
    void hostileRequests() throws Exception {
        System.out.printf("HostileRequestsIT: %d requests, seed %d (replay one: -Dhostile.seed=%d -Dhostile.only=N)%n",
                REQUESTS, SEED, SEED);
        Api api = new Api(port);
        JsonNode document = api.get("/v3/api-docs").json();
        HostileRequests generator = new HostileRequests(document);
        assertThat(generator.operations()).as("operations in the document").hasSizeGreaterThan(30);
        String runId = "hostile-" + Long.toHexString(SEED) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Targets targets = targets(api, generator);
        long headBefore = head();

        AtomicBoolean hostileDone = new AtomicBoolean();
        ValidTraffic valid = new ValidTraffic(api, hostileDone);
        ExecutorService validThreads = Executors.newFixedThreadPool(2);
        List<Future<?>> validRuns = List.of(validThreads.submit(valid), validThreads.submit(valid));

        List<Integer> numbers = ONLY.isBlank() ? IntStream.range(0, REQUESTS).boxed().toList()
                : Arrays.stream(ONLY.split(",")).map(String::trim).map(Integer::valueOf).toList();
        long started = System.nanoTime();
        ExecutorService hostileThreads = Executors.newFixedThreadPool(THREADS);
        List<Future<Outcome>> sent = new ArrayList<>();
        for (int number : numbers) {
            sent.add(hostileThreads.submit(() -> {
                Random callers = new Random(SEED + number);
                Operation operation = generator.operations().get(new Random(SEED * 1_000_003L + number)
                        .nextInt(generator.operations().size()));
                String authorization = "Bearer " + token(callers.nextInt(16), operation.scopes());
                return send(generator.hostile(SEED, number, runId, targets, authorization));
            }));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> outcome : sent) {
            outcomes.add(outcome.get(5, TimeUnit.MINUTES));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        hostileDone.set(true);
        for (Future<?> run : validRuns) {
            run.get(1, TimeUnit.MINUTES);
        }
        validThreads.shutdown();
        hostileThreads.shutdown();

        List<String> violations = new ArrayList<>();
        Map<Integer, Outcome> byNumber = new LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            byNumber.put(outcome.request().number(), outcome);
            String problem = problemViolation(outcome);
            if (problem != null) {
                violations.add(problem + "\n" + outcome.request().describe() + "  answer: " + answer(outcome));
            }
        }
        // Facts of this run's hostile requests: their events carry the request's correlation id.
        Set<Integer> recordedBy = new HashSet<>();
        int factsOfRefusals = 0;
        for (String meta : jdbc.sql("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE global_index > :before")
                .param("before", headBefore).query(String.class).list()) {
            String correlation = JSON.readTree(meta).path("correlationId").asText("");
            if (correlation.startsWith(runId + "-")) {
                int number = Integer.parseInt(correlation.substring(runId.length() + 1));
                recordedBy.add(number);
                Outcome outcome = byNumber.get(number);
                if (outcome == null || !outcome.accepted()) {
                    factsOfRefusals++;
                    violations.add("a refused request recorded a fact: " + meta + "\n"
                            + (outcome == null ? "#" + number : outcome.request().describe() + "  answer: " + answer(outcome)));
                }
            }
        }
        for (String key : jdbc.sql("SELECT idempotency_key FROM idempotency_record WHERE idempotency_key LIKE :prefix")
                .param("prefix", runId + "-%").query(String.class).list()) {
            Outcome outcome = byNumber.get(Integer.valueOf(key.substring(runId.length() + 1)));
            if (outcome != null && !outcome.accepted()) {
                violations.add("a refused request kept its idempotency key " + key + "\n"
                        + outcome.request().describe() + "  answer: " + answer(outcome));
            }
        }

        long accepted = outcomes.stream().filter(Outcome::accepted).count();
        long serverErrors = outcomes.stream().filter(outcome -> outcome.status() >= 500).count();
        long unanswered = outcomes.stream().filter(outcome -> outcome.failure() != null).count();
        long nonProblems = outcomes.stream().filter(outcome -> outcome.status() >= 400 && outcome.status() < 500
                && problemViolation(outcome) != null).count();
        Map<Integer, Long> statuses = outcomes.stream()
                .collect(Collectors.groupingBy(Outcome::status, TreeMap::new, Collectors.counting()));

        // Every projection takes every accepted fact: nothing parked, each at the head of the store.
        long head = head();
        List<String> projections = targets.projections();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String projection : projections) {
                    JsonNode status = api.get("/admin/projections/" + projection).json();
                    assertThat(status.get("position").asLong()).as(projection + " at the head").isGreaterThanOrEqualTo(head);
                }
            });
        } catch (AssertionError behind) {
            violations.add("a projection did not reach the head " + head + ": " + behind.getMessage());
        }
        long deadLetters = jdbc.sql("SELECT count(*) FROM dead_letter_entry").query(Long.class).single();
        if (deadLetters > 0) {
            violations.add(deadLetters + " events parked in dead-letter queues: " + jdbc.sql(
                    "SELECT processing_group || ' ' || payload_type || ' ' || coalesce(cause_message, '') FROM dead_letter_entry")
                    .query(String.class).list());
        }
        violations.addAll(valid.failures);

        System.out.printf("""
                        HostileRequestsIT figures: seed %d, %d hostile requests in %s (%d threads) beside %d valid \
                        requests; statuses %s; accepted %d (%d recorded facts); 5xx %d; unanswered %d; refusals not \
                        problem+json %d; facts recorded by refusals %d; dead letters %d; valid requests refused %d%n""",
                SEED, outcomes.size(), took, THREADS, valid.sent.get(), statuses, accepted, recordedBy.size(),
                serverErrors, unanswered, nonProblems, factsOfRefusals, deadLetters, valid.failures.size());
        assertThat(violations).as("""
                violations of seed %d (replay one with -Dhostile.seed=%d -Dhostile.only=N)"""
                .formatted(SEED, SEED)).isEmpty();
    }

    /** Why this outcome breaks the contract, or null. */
    private static String problemViolation(Outcome outcome) {
        if (outcome.failure() != null) {
            return "no answer: " + outcome.failure();
        }
        if (outcome.status() >= 500) {
            return "server error " + outcome.status();
        }
        if (outcome.status() < 400) {
            return null;
        }
        if (outcome.contentType() == null || !outcome.contentType().startsWith("application/problem+json")) {
            return "refusal " + outcome.status() + " is not application/problem+json but " + outcome.contentType();
        }
        try {
            JsonNode problem = JSON.readTree(outcome.body());
            if (!problem.path("type").isTextual() || !problem.path("title").isTextual()
                    || problem.path("status").asInt() != outcome.status()) {
                return "refusal " + outcome.status() + " lacks a type, a title or its status";
            }
        } catch (IOException e) {
            return "refusal " + outcome.status() + " is not JSON";
        }
        return null;
    }

    private static String answer(Outcome outcome) {
        return outcome.failure() != null ? outcome.failure()
                : outcome.status() + " " + outcome.contentType() + " " + HostileRequests.cut(
                HostileRequests.printable(String.valueOf(outcome.body())), 300);
    }

    private Outcome send(Request request) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.uri()))
                    .timeout(Duration.ofSeconds(30))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Outcome(request, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8), null);
        } catch (IllegalArgumentException unsendable) {
            // The JDK's client refuses to send some header values at all: nothing reached the engine.
            return new Outcome(request, 0, null, null, null);
        } catch (IOException | InterruptedException e) {
            return new Outcome(request, 0, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private String token(int caller, List<String> scopes) {
        return tokens.computeIfAbsent(caller + " " + scopes, key -> Api.token("hostile-" + caller,
                "hostile-client-" + caller, scopes.isEmpty() ? Api.EVERY_SCOPE : scopes));
    }

    private long head() {
        return StoredEvents.head(jdbc);
    }

    /** Three customers for the hostile requests to aim at, each with a complaint and a follow-up. */
    private Targets targets(Api api, HostileRequests generator) {
        List<String> customers = new ArrayList<>();
        Map<String, List<String>> complaints = new LinkedHashMap<>();
        Map<String, List<String>> followUps = new LinkedHashMap<>();
        Random random = new Random(SEED);
        for (int i = 0; i < 3; i++) {
            String customer = UUID.randomUUID().toString();
            assertThat(api.post("/customers", """
                    {"customerId": "%s", "name": "Hostile Target %d", "identifiedVia": "IMPORT"}"""
                    .formatted(customer, i)).status()).isEqualTo(201);
            customers.add(customer);
            Operation complaint = operation(generator, "POST", "/customers/{customerId}/complaints");
            var complaintBody = generator.validBody(complaint, random);
            complaintBody.remove(List.of("touchpointId", "complaintId"));
            complaintBody.put("otherCategory", "a target of hostile requests");
            Api.Response registered = api.post("/customers/" + customer + "/complaints", complaintBody.toString());
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            complaints.put(customer, List.of(registered.json().get("complaintId").asText()));
            Operation followUp = operation(generator, "POST", "/customers/{customerId}/follow-ups");
            var body = generator.validBody(followUp, random);
            body.remove("complaintId");
            body.remove("followUpId");
            Api.Response scheduled = api.post("/customers/" + customer + "/follow-ups", body.toString());
            assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(201);
            followUps.put(customer, List.of(scheduled.json().get("followUpId").asText()));
        }
        List<String> projections = new ArrayList<>();
        api.get("/admin/projections").json().findValuesAsText("name").forEach(projections::add);
        assertThat(projections).isNotEmpty();
        return new Targets(customers, complaints, followUps, projections);
    }

    private static Operation operation(HostileRequests generator, String method, String path) {
        return generator.operations().stream()
                .filter(operation -> operation.method().equals(method) && operation.path().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError("no " + method + " " + path + " in the document"));
    }

    /** Valid journeys on customers of their own, until the hostile requests are done; each must be answered 2xx. */
    private static final class ValidTraffic implements Runnable {
        private final Api api;
        private final AtomicBoolean done;
        final AtomicInteger sent = new AtomicInteger();
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

        ValidTraffic(Api api, AtomicBoolean done) {
            this.api = api;
            this.done = done;
        }

        @Override
        public void run() {
            while (!done.get() && failures.size() < 20) {
                String customer = UUID.randomUUID().toString();
                expect(api.post("/customers", """
                        {"customerId": "%s", "name": "Valid Traffic", "identifiedVia": "IMPORT"}""".formatted(customer),
                        "Idempotency-Key", "valid-" + customer), 201, "register");
                expect(api.post("/customers/" + customer + "/touchpoints", """
                        {"channel": "CHAT", "direction": "INBOUND", "purpose": "where is my order", "valence": "NEGATIVE"}"""),
                        201, "touchpoint");
                Api.Response purchase = api.post("/customers/" + customer + "/purchases", """
                        {"orderId": "V-1", "amount": {"amount": "10.00", "currency": "EUR"}}""");
                expect(purchase, 200, "purchase");
                if (purchase.status() == 200) {
                    expect(api.get("/customers/" + customer + "/profile?minPosition="
                            + purchase.json().get("position").asLong()), 200, "profile");
                }
            }
        }

        private void expect(Api.Response response, int status, String what) {
            sent.incrementAndGet();
            if (response.status() != status) {
                failures.add("valid " + what + " answered " + response);
            }
        }
    }
}
