package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rate limits, on an engine of its own with small allowances: a client bursting past its allowance gets 429
 * problems with {@code Retry-After} while another client is served, nothing refused is recorded, heavier reads cost
 * more, an address sending refused tokens is cut off before authentication, and live streams are capped per client
 * and in total, their places freed when they end.
 */
class RateLimitIT {

    static ConfigurableApplicationContext engine;
    static int port;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        engine = new SpringApplicationBuilder(JourneyEngineApplication.class).run(
                "--server.port=0",
                // The test's forwarded addresses stand for callers behind a trusted proxy (loopback).
                "--server.forward-headers-strategy=native",
                "--journey.rate-limits.scopes.write.capacity=5",
                "--journey.rate-limits.scopes.write.refill-per-second=1",
                "--journey.rate-limits.scopes.audit.capacity=25",
                "--journey.rate-limits.scopes.audit.refill-per-second=1",
                "--journey.rate-limits.per-address.capacity=100",
                "--journey.rate-limits.per-address.refill-per-second=1",
                "--journey.rate-limits.unauthenticated.capacity=5",
                "--journey.rate-limits.unauthenticated.refill-per-second=1",
                "--journey.rate-limits.streams.per-client=2",
                "--journey.rate-limits.streams.total=3",
                "--journey.read.live-heartbeat=200ms");
        port = ((WebServerApplicationContext) engine).getWebServer().getPort();
        jdbc = JdbcClient.create(engine.getBean(DataSource.class));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    @DisplayName("a client bursting past its allowance gets 429 with Retry-After, records nothing, and another client is served")
    void burstingClient() {
        Api burst = Api.as(port, "billing-batch", "billing-" + UUID.randomUUID(), "journey.write");
        Api other = Api.as(port, "web-shop", "web-shop-" + UUID.randomUUID(), "journey.write");
        List<String> refused = new ArrayList<>();
        Api.Response limited = null;
        for (int i = 0; i < 10; i++) {
            String customer = UUID.randomUUID().toString();
            Api.Response answer = register(burst, customer, "Idempotency-Key", "burst-" + customer);
            assertThat(answer.status()).as(answer.toString()).isIn(201, 429);
            if (answer.status() == 429) {
                refused.add(customer);
                limited = answer;
            }
        }
        assertThat(refused).as("over an allowance of 5 at once").hasSizeGreaterThanOrEqualTo(4);
        assertThat(limited.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 5L);
        JsonNode problem = limited.json();
        assertThat(problem.get("type").asText()).isEqualTo("https://cxengine.io/problems/rate-limited");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asText()).contains("journey.write");
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN (:ids)")
                .param("ids", refused).query(Long.class).single())
                .as("nothing refused is recorded").isZero();

        assertThat(register(other, UUID.randomUUID().toString()).status())
                .as("another client keeps its own allowance").isEqualTo(201);

        // The refused request claimed no idempotency key: sent again once the allowance refills, it is recorded.
        String retried = refused.get(0);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(register(burst, retried, "Idempotency-Key", "burst-" + retried).status()).isEqualTo(201));
    }

    @Test
    @DisplayName("an export costs ten reads of the auditor's allowance: twenty pages pass where a third export is refused")
    void heavierReadsCostMore() {
        String customer = UUID.randomUUID().toString();
        assertThat(register(Api.as(port, "seed", "seed-" + UUID.randomUUID(), "journey.write"), customer).status())
                .isEqualTo(201);
        Api pages = Api.as(port, "auditor-a", "audit-desk-" + UUID.randomUUID(), "journey.audit");
        for (int i = 0; i < 20; i++) {
            assertThat(pages.get("/customers/" + customer + "/history").status()).isEqualTo(200);
        }
        Api exports = Api.as(port, "auditor-b", "audit-tool-" + UUID.randomUUID(), "journey.audit");
        String ndjson = "application/x-ndjson";
        assertThat(exports.get("/customers/" + customer + "/history", "Accept", ndjson).status()).isEqualTo(200);
        assertThat(exports.get("/customers/" + customer + "/history", "Accept", ndjson).status()).isEqualTo(200);
        Api.Response third = exports.get("/customers/" + customer + "/history", "Accept", ndjson);
        assertThat(third.status()).as(third.toString()).isEqualTo(429);
        assertThat(third.json().get("detail").asText()).contains("costs 10");
    }

    @Test
    @DisplayName("an address that sent too many refused tokens is cut off before authentication; other addresses are not")
    void refusedTokensCutOffTheirAddress() {
        Api forger = Api.withAuthorization(port, "Bearer not-a-token");
        for (int i = 0; i < 5; i++) {
            assertThat(forger.get("/customers/" + UUID.randomUUID() + "/history", "X-Forwarded-For", "203.0.113.7")
                    .status()).isEqualTo(401);
        }
        Api auditor = Api.as(port, "auditor-c", "audit-" + UUID.randomUUID(), "journey.audit");
        Api.Response cutOff = auditor.get("/access-log", "X-Forwarded-For", "203.0.113.7");
        assertThat(cutOff.status()).as("even a valid token, from that address").isEqualTo(429);
        assertThat(cutOff.header("Retry-After")).isNotNull();
        assertThat(cutOff.json().get("type").asText()).isEqualTo("https://cxengine.io/problems/rate-limited");
        assertThat(auditor.get("/access-log", "X-Forwarded-For", "203.0.113.8").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("every request from one address spends its allowance, before any token is looked at")
    void perAddress() {
        Api anyone = Api.withAuthorization(port, null);
        int refused = 0;
        for (int i = 0; i < 110; i++) {
            int status = anyone.get("/actuator/health", "X-Forwarded-For", "198.51.100.9").status();
            assertThat(status).isIn(200, 429);
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).as("past an allowance of 100").isBetween(5, 10);
        assertThat(anyone.get("/actuator/health", "X-Forwarded-For", "198.51.100.10").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("live streams: at most two per client and three in all; a stream that ends frees its place")
    void streamCaps() throws Exception {
        String customer = UUID.randomUUID().toString();
        assertThat(register(Api.as(port, "seed", "seed-" + UUID.randomUUID(), "journey.write"), customer).status())
                .isEqualTo(201);
        String desk = "agent-desk-" + UUID.randomUUID();
        String path = "/customers/" + customer + "/profile";
        Stream first = Stream.open(port, path, Api.token("agent-1", desk, List.of("journey.agent")));
        Stream second = Stream.open(port, path, Api.token("agent-2", desk, List.of("journey.agent")));
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        Stream third = Stream.open(port, path, Api.token("agent-3", desk, List.of("journey.agent")));
        assertThat(third.status()).as("a third stream of the same client").isEqualTo(429);
        assertThat(third.retryAfter()).isNotNull();

        String other = "cti-" + UUID.randomUUID();
        Stream otherClient = Stream.open(port, path, Api.token("cti", other, List.of("journey.agent")));
        assertThat(otherClient.status()).as("another client's first stream").isEqualTo(200);
        Stream overTotal = Stream.open(port, path, Api.token("cti", other, List.of("journey.agent")));
        assertThat(overTotal.status()).as("a fourth stream in all").isEqualTo(429);

        first.close();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Stream again = Stream.open(port, path, Api.token("agent-3", desk, List.of("journey.agent")));
            again.close();
            assertThat(again.status()).as("the place of the stream that ended").isEqualTo(200);
        });
        second.close();
        otherClient.close();
    }

    private static Api.Response register(Api api, String customer, String... headers) {
        return api.post("/customers", """
                {"customerId": "%s", "name": "Burst Customer", "identifiedVia": "IMPORT"}""".formatted(customer),
                headers);
    }

    /** A live stream held open until closed, on a connection of its own. */
    record Stream(HttpClient client, HttpResponse<InputStream> response) implements AutoCloseable {

        static Stream open(int port, String path, String token) throws IOException, InterruptedException {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + path))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            return new Stream(client, response);
        }

        int status() {
            return response.statusCode();
        }

        String retryAfter() {
            return response.headers().firstValue("Retry-After").orElse(null);
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }
}
