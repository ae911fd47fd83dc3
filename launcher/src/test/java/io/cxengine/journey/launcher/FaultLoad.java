package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.launcher.RequestLog.Attempt;
import io.cxengine.journey.launcher.RequestLog.Outcome;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The fault harness's load client: writers that record touchpoints on a set of customers, each with an
 * {@code Idempotency-Key} of its own, as a careful client system would. An attempt whose outcome is unknown (no answer,
 * a 5xx, the database unavailable) or that may succeed later (a refused connection, a concurrent write that won, a
 * rate limit) is retried with the same key and body until it is answered for certain or the retry budget runs out.
 * Every attempt goes to the {@link RequestLog}.
 */
final class FaultLoad implements AutoCloseable {

    /** Statuses after which a retry with the same key cannot succeed: stop trying. */
    private static final Set<Integer> FINAL_REFUSALS = Set.of(400, 401, 403, 404, 405, 406, 412, 413, 415);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> bases;
    private final String authorization;
    private final IntFunction<String> customers;
    private final int customerCount;
    private final RequestLog log;
    private final int writers;
    private final Duration pause;
    private final Duration retryFor;
    private final String run;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService pool;
    private final List<Future<?>> running = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param ports     the engines to write to (attempts go round them)
     * @param customers the customers written to (index → id)
     * @param writers   concurrent writers
     * @param perWriter requests per second of each writer (0: as fast as answers come)
     * @param retryFor  how long one key is retried before its client gives up
     */
    FaultLoad(List<Integer> ports, String authorization, List<String> customers, int writers, double perWriter,
              Duration retryFor, RequestLog log) {
        this.bases = ports.stream().map(port -> "http://localhost:" + port).toList();
        this.authorization = authorization;
        this.customers = customers::get;
        this.customerCount = customers.size();
        this.writers = writers;
        this.pause = perWriter <= 0 ? Duration.ZERO : Duration.ofNanos((long) (1_000_000_000L / perWriter));
        this.retryFor = retryFor;
        this.log = log;
        this.run = Long.toString(System.nanoTime(), 36);
        this.pool = Executors.newFixedThreadPool(writers);
    }

    FaultLoad start() {
        for (int writer = 0; writer < writers; writer++) {
            int id = writer;
            running.add(pool.submit(() -> write(id)));
        }
        return this;
    }

    /** Stops starting new requests and waits for the keys in progress to be settled (answered or given up). */
    void stop() {
        stopping = true;
        for (Future<?> writer : running) {
            try {
                writer.get(retryFor.plusSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("A writer did not finish", e);
            }
        }
    }

    private void write(int writer) {
        SplittableRandom random = new SplittableRandom(writer * 7919L + run.hashCode());
        long next = System.nanoTime();
        for (int n = 0; !stopping; n++) {
            String key = "fault-" + run + "-" + writer + "-" + n;
            String customer = customers.apply(random.nextInt(customerCount));
            String body = """
                    {"channel": "CHAT", "direction": "INBOUND", "purpose": "%s", "valence": "NEUTRAL"}""".formatted(key);
            send(writer, key, customer, body);
            next += pause.toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                EngineProcess.sleep(Duration.ofNanos(wait));
            } else {
                next = System.nanoTime();
            }
        }
    }

    private void send(int writer, String key, String customer, String body) {
        String hash = sha256(body);
        Instant giveUp = Instant.now().plus(retryFor);
        long backoff = 100;
        for (int attempt = 0; ; attempt++) {
            String base = bases.get((writer + attempt) % bases.size());
            long start = System.currentTimeMillis();
            Attempt answered = attempt(base, key, customer, body, hash, start);
            log.write(answered);
            boolean retry = answered.outcome() != Outcome.OK && !FINAL_REFUSALS.contains(answered.status());
            if (!retry || Instant.now().isAfter(giveUp)) {
                return;
            }
            EngineProcess.sleep(Duration.ofMillis(backoff));
            backoff = Math.min(backoff * 2, 1000);
        }
    }

    private Attempt attempt(String base, String key, String customer, String body, String hash, long start) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/customers/" + customer + "/touchpoints"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long end = System.currentTimeMillis();
            int status = response.statusCode();
            if (status / 100 == 2) {
                JsonNode receipt = JSON.readTree(response.body());
                return new Attempt(key, customer, hash, start, end, Outcome.OK, status,
                        receipt.get("version").asLong(), receipt.get("position").asLong(), "");
            }
            String type = problemType(response.body());
            return new Attempt(key, customer, hash, start, end, classify(status, type), status, null, null, type);
        } catch (ConnectException | HttpConnectTimeoutException notConnected) {
            // The request never reached an engine: nothing can have been recorded.
            return new Attempt(key, customer, hash, start, System.currentTimeMillis(), Outcome.FAILED, 0, null, null,
                    "not connected: " + notConnected);
        } catch (IOException broken) {
            return new Attempt(key, customer, hash, start, System.currentTimeMillis(), Outcome.INDETERMINATE, 0, null,
                    null, "no answer: " + broken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a refusal says about the fact (see docs/api-guide.md and docs/reliability.md). */
    static Outcome classify(int status, String problemType) {
        if (status == 503 && problemType.endsWith("write-timed-out")) {
            return Outcome.FAILED; // rolled back by the engine's bound on writes
        }
        if (status >= 500) {
            return Outcome.INDETERMINATE; // the commit may have reached the disk just before the answer was lost
        }
        if (status == 409 && problemType.endsWith("idempotency-key-in-flight")) {
            return Outcome.INDETERMINATE; // an earlier attempt of this key may still commit
        }
        return Outcome.FAILED;
    }

    private static String problemType(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.path("type").asText("");
        } catch (IOException | RuntimeException notJson) {
            return "not-a-problem";
        }
    }

    static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stopping = true;
        pool.shutdownNow();
    }
}
