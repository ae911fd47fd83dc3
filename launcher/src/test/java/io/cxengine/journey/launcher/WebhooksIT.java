package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks to a subscriber served here (the JDK's HTTP server): the events of the types subscribed to, signed as the
 * Standard Webhooks specification says (checked here with the secret the subscription answered), pseudonymised,
 * retried after failures without a customer's later events overtaking, dead after the last attempt and sent again on
 * replay; the secret stored only sealed. (Every test context retries quickly and may call http: URLs on this host:
 * src/test/resources/config/application.yml.)
 */
class WebhooksIT extends EngineIntegration {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Pseudonyms pseudonyms;
    @Autowired
    MeterRegistry meters;

    HttpServer subscriber;
    /** Every request the subscriber received: its headers and body, and what it answered. */
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** The subscriber answers 500 while this is above 0 (counting down), or always when it is -1. */
    final AtomicInteger failing = new AtomicInteger();

    record Received(Map<String, String> headers, String body, int answered) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeEach
    void subscriber() throws IOException {
        subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int left = failing.get();
            int status = left == -1 || left > 0 && failing.getAndDecrement() > 0 ? 500 : 204;
            received.add(new Received(Map.of(
                    "webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "webhook-timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "webhook-signature", exchange.getRequestHeaders().getFirst("webhook-signature")), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        subscriber.start();
    }

    /** Every subscription still in force ends with the test: later tests' events are owed to none of them. */
    @AfterEach
    void stop() {
        subscriber.stop(0);
        api.get("/webhooks").json().forEach(subscription ->
                api.delete("/webhooks/" + subscription.get("subscriptionId").asText()));
    }

    private String url() {
        return "http://127.0.0.1:" + subscriber.getAddress().getPort() + "/hooks";
    }

    @Test
    @DisplayName("the types subscribed to, signed, pseudonymised, in order per customer through failed attempts")
    void signedInOrderThroughFailures() throws Exception {
        Api.Response made = api.post("/webhooks", """
                {"url": "%s", "eventTypes": ["TouchpointRecorded", "ComplaintFiled"]}""".formatted(url()));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String secret = made.json().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        String subscription = made.json().get("subscriptionId").asText();
        assertThat(made.header("Location")).isEqualTo("/webhooks/" + subscription);
        assertThat(api.get("/webhooks/" + subscription).json().has("secret")).as("shown once").isFalse();
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] stored = jdbc.sql("SELECT secret FROM webhook_subscription WHERE subscription_id = :id::uuid")
                .param("id", subscription).query(byte[].class).single();
        assertThat(Base64.getEncoder().encodeToString(stored)).as("sealed")
                .doesNotContain(secret.substring("whsec_".length(), 20));

        failing.set(2); // the first two attempts fail
        String customer = api.registerCustomer("Annie Easley");
        touchpoint(customer, "canary first");
        String complaint = api.post("/customers/" + customer + "/complaints", """
                {"category": "BILLING_MISTAKE", "description": "Charged twice", "severity": "HIGH"}""")
                .json().get("complaintId").asText();
        assertThat(api.post("/customers/%s/complaints/%s/acknowledgement".formatted(customer, complaint), "{}")
                .status()).isEqualTo(200);
        touchpoint(customer, "canary second");
        List<Long> positions = jdbc.sql("""
                        SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :c
                           AND (payload_type LIKE '%TouchpointRecorded' OR payload_type LIKE '%ComplaintFiled')
                         ORDER BY sequence_number""").param("c", customer).query(Long.class).list();

        await().atMost(Duration.ofSeconds(30)).until(() -> delivered().size() == 3);
        assertThat(delivered().stream().map(r -> r.json().get("position").asLong()).toList()).isEqualTo(positions);
        assertThat(received.stream().map(r -> r.json().get("position").asLong()).toList())
                .as("every attempt in the order of the store: the failed first one held the others back")
                .isSorted().startsWith(positions.get(0), positions.get(0), positions.get(0));
        assertThat(delivered().stream().map(r -> r.json().get("type").asText()).toList()).containsExactly(
                "io.cxengine.journey.TouchpointRecorded", "io.cxengine.journey.ComplaintFiled",
                "io.cxengine.journey.TouchpointRecorded");
        String pseudonym = pseudonyms.of(CustomerId.of(customer)).value();
        for (Received request : received) {
            String id = request.headers().get("webhook-id");
            String timestamp = request.headers().get("webhook-timestamp");
            assertThat(request.headers().get("webhook-signature")).as("signed with the subscription's secret")
                    .isEqualTo("v1," + hmac(key, id + "." + timestamp + "." + request.body()));
            assertThat(id).isEqualTo(request.json().get("id").asText());
            assertThat(Math.abs(Long.parseLong(timestamp) - System.currentTimeMillis() / 1000)).isLessThan(60);
            assertThat(request.json().get("subject").asText()).isEqualTo(pseudonym);
            assertThat(request.body()).doesNotContain(customer).doesNotContain("canary").doesNotContain("Charged");
        }
        assertThat(api.get("/webhooks/" + subscription).json().get("waiting").asLong()).isZero();
    }

    @Test
    @DisplayName("a CRM subscribed to the at-risk signal hears when a customer's history turns, and when it turns back")
    void atRiskSignal() {
        assertThat(api.post("/webhooks", """
                {"url": "%s", "eventTypes": ["CustomerAtRisk", "CustomerNoLongerAtRisk"]}""".formatted(url()))
                .status()).isEqualTo(201);
        String customer = api.registerCustomer("Katherine Johnson");
        Api.Response filed = api.post("/customers/" + customer + "/complaints", """
                {"category": "BILLING_MISTAKE", "description": "Charged twice", "severity": "HIGH"}""");
        String complaint = filed.json().get("complaintId").asText();
        JsonNode atRisk = api.get("/customers/%s/profile?minPosition=%d".formatted(customer,
                filed.json().get("position").asLong())).json().get("risk");
        assertThat(atRisk.get("signs").toString()).as("the profile, read at the complaint's receipt")
                .isEqualTo("[\"NEGATIVE_BALANCE\"]");
        Api.Response resolved = api.post("/customers/%s/complaints/%s/resolution".formatted(customer, complaint),
                """
                {"resolution": "Refunded"}""");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(api.get("/customers/%s/profile?minPosition=%d".formatted(customer,
                resolved.json().get("position").asLong())).json().path("risk").isNull())
                .as("no longer at risk, as the profile says").isTrue();

        List<String> recorded = jdbc.sql("""
                        SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = :c
                         ORDER BY sequence_number""").param("c", customer).query(String.class).list();
        assertThat(recorded.subList(recorded.size() - 4, recorded.size())).as("each turn with the fact that made it")
                .map(type -> type.substring(type.lastIndexOf('$') + 1))
                .containsExactly("ComplaintFiled", "CustomerAtRisk", "ComplaintResolved", "CustomerNoLongerAtRisk");
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered().size() == 2);
        assertThat(delivered().stream().map(r -> r.json().get("type").asText()).toList()).containsExactly(
                "io.cxengine.journey.CustomerAtRisk", "io.cxengine.journey.CustomerNoLongerAtRisk");
        JsonNode signal = delivered().get(0).json().get("data");
        assertThat(signal.get("signs").toString()).isEqualTo("[\"NEGATIVE_BALANCE\"]");
        assertThat(signal.get("recentBalance").asInt()).isEqualTo(-1);
        assertThat(delivered().get(0).json().get("subject").asText())
                .isEqualTo(pseudonyms.of(CustomerId.of(customer)).value());
    }

    @Test
    @DisplayName("a delivery failing every attempt is dead, holds the customer's later ones back, and goes on replay")
    void deadThenReplayed() {
        String subscription = api.post("/webhooks", """
                {"url": "%s", "eventTypes": ["TouchpointRecorded"]}""".formatted(url()))
                .json().get("subscriptionId").asText();
        failing.set(-1);
        String customer = api.registerCustomer("Mary Golda Ross");
        touchpoint(customer, "first");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/webhooks/" + subscription + "/dead-letters").json().size() == 1);
        JsonNode dead = api.get("/webhooks/" + subscription + "/dead-letters").json().get(0);
        assertThat(meters.get("journey.webhooks.dead").gauge().value()).as("dead, by the meter").isGreaterThanOrEqualTo(1);
        assertThat(meters.get("journey.webhooks.attempts").tag("outcome", "dead").counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(dead.get("attempts").asInt()).isEqualTo(3);
        assertThat(dead.get("lastStatus").asInt()).isEqualTo(500);
        assertThat(received).hasSize(3);

        touchpoint(customer, "second");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> received.size() == 3);

        failing.set(0);
        assertThat(api.post("/webhooks/" + subscription + "/dead-letters/replay", "{}").json().get("replayed").asInt())
                .isEqualTo(1);
        double deliveredBefore = meters.get("journey.webhooks.attempts").tag("outcome", "delivered").counter().count();
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered().size() == 2);
        assertThat(meters.get("journey.webhooks.attempts").tag("outcome", "delivered").counter().count())
                .isGreaterThanOrEqualTo(deliveredBefore + 2);
        List<Long> positions = delivered().stream().map(r -> r.json().get("position").asLong()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(api.get("/webhooks/" + subscription + "/dead-letters").json()).isEmpty();

        assertThat(api.delete("/webhooks/" + subscription).status()).isEqualTo(204);
        assertThat(api.get("/webhooks/" + subscription).status()).isEqualTo(404);
        touchpoint(customer, "third");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> delivered().size() == 2);
    }

    @Test
    @DisplayName("every type, pseudonymised: a canary in every personal and free-text field is in no delivery")
    void nothingAnAnalystWouldNotSee() {
        String subscription = api.post("/webhooks", "{\"url\": \"%s\"}".formatted(url()))
                .json().get("subscriptionId").asText();
        String canary = "Canary" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String customer = AnalystPrivacyIT.plant(api, canary, 3);
        long events = StoredEvents.count(jdbc, customer);
        String pseudonym = pseudonyms.of(CustomerId.of(customer)).value();
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered().stream()
                .filter(request -> request.json().get("subject").asText().equals(pseudonym)).count() == events);
        for (Received request : received) {
            assertThat(request.body()).doesNotContainIgnoringCase(canary).doesNotContain(customer);
        }
        assertThat(api.delete("/webhooks/" + subscription).status()).isEqualTo(204);
    }

    @Test
    @DisplayName("a URL, event types and personal data the rules refuse are problems; nothing is subscribed")
    void refused() {
        long before = jdbc.sql("SELECT count(*) FROM webhook_subscription").query(Long.class).single();
        assertThat(problem(api.post("/webhooks", "{\"url\": \"ftp://example.com/hooks\"}"), 400)).isEqualTo("url");
        assertThat(problem(api.post("/webhooks", "{\"url\": \"https://user:pw@example.com/\"}"), 400))
                .isEqualTo("url");
        assertThat(problem(api.post("/webhooks", """
                {"url": "https://example.com/hooks", "eventTypes": ["CustomerDeleted"]}"""), 400))
                .isEqualTo("eventTypes");
        assertThat(problem(api.post("/webhooks", """
                {"url": "https://example.com/hooks", "personalData": "some"}"""), 400)).isEqualTo("personalData");
        Api admin = Api.withScopes(port, "journey.admin");
        Api.Response included = admin.post("/webhooks", """
                {"url": "https://example.com/hooks", "personalData": "included"}""");
        assertThat(included.status()).as(included.toString()).isEqualTo(403);
        assertThat(included.json().get("type").asText()).endsWith("/insufficient-scope");
        assertThat(Api.withScopes(port, "journey.write").post("/webhooks", """
                {"url": "https://example.com/hooks"}""").status()).isEqualTo(403);
        Api.Response adminAlone = admin.post("/webhooks", """
                {"url": "https://example.com/hooks"}""");
        assertThat(adminAlone.status()).as("journey.admin alone sees no customer data").isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_subscription").query(Long.class).single()).isEqualTo(before);

        Api.Response allowed = Api.withScopes(port, "journey.admin", "journey.audit").post("/webhooks", """
                {"url": "https://example.com/hooks", "personalData": "included"}""");
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
        assertThat(allowed.json().get("personalData").asText()).isEqualTo("included");
        assertThat(api.delete("/webhooks/" + allowed.json().get("subscriptionId").asText()).status()).isEqualTo(204);
        assertThat(api.get("/webhooks/" + java.util.UUID.randomUUID()).json().get("type").asText())
                .endsWith("/unknown-webhook");
    }

    private static String problem(Api.Response answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer.json().at("/errors/0/field").asText();
    }

    private List<Received> delivered() {
        return received.stream().filter(request -> request.answered() == 204).toList();
    }

    private void touchpoint(String customer, String purpose) {
        assertThat(api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "%s", "valence": "NEUTRAL"}""".formatted(purpose))
                .status()).isEqualTo(201);
    }

    /** HMAC-SHA256 in base64, as a subscriber computes it. */
    private static String hmac(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
