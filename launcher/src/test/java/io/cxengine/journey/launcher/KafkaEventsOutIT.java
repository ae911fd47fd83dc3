package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Journey events go out on one Kafka topic (an embedded KRaft broker here): every event of a customer, keyed by the
 * customer, in the order of the store, each with its global position, in the envelope of
 * {@code docs/schemas/journey-event.schema.json}; pseudonymised by default, so that neither the customer id nor any
 * personal field leaves the engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "journey.events-out.kafka.enabled=true",
        "journey.events-out.kafka.topic=journey.events.test",
        "journey.events-out.kafka.partitions=3",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        // a send to a topic that is gone fails after this (the producer's every wait is bounded by it)
        "journey.events-out.kafka.send-timeout=2s"})
@EmbeddedKafka(kraft = true, partitions = 3, brokerProperties = "auto.create.topics.enable=false")
@DirtiesContext // its own broker, and its processors must not hold segments that later tests' rebuilds need
class KafkaEventsOutIT extends EngineIntegration {

    private static final String TOPIC = "journey.events.test";

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    Pseudonyms pseudonyms;
    @Autowired
    ObjectMapper json;

    @Test
    @DisplayName("every event of a customer, in the order of the store, keyed by pseudonym, nothing personal")
    void everyEventInOrderPseudonymised() throws Exception {
        List<String> customers = new ArrayList<>();
        for (String name : List.of("Ada Lovelace", "Grace Hopper", "Katherine Johnson")) {
            String customer = api.registerCustomer(name);
            customers.add(customer);
            assertThat(api.post("/customers/%s/touchpoints".formatted(customer), """
                    {"channel": "PHONE", "direction": "INBOUND", "purpose": "Asked about %s's bill",
                     "valence": "NEGATIVE"}""".formatted(name)).status()).isEqualTo(201);
            assertThat(api.post("/customers/%s/complaints".formatted(customer), """
                    {"category": "BILLING_MISTAKE", "description": "%s was charged twice", "severity": "HIGH"}"""
                    .formatted(name)).status()).isEqualTo(201);
        }
        Map<String, List<JsonNode>> received = received(customers, value -> assertThat(value)
                .doesNotContain("charged twice").doesNotContain("Asked about")
                .doesNotContain("Lovelace").doesNotContain("Hopper").doesNotContain("Johnson"));

        JsonNode schema = json.readTree(Files.readString(Path.of("../docs/schemas/journey-event.schema.json")));
        Set<String> required = new TreeSet<>();
        schema.get("required").forEach(name -> required.add(name.asText()));
        for (String customer : customers) {
            List<JsonNode> messages = received.get(customer);
            List<String> types = messages.stream().map(message -> message.get("type").asText()).distinct().toList();
            assertThat(types).as("the bad contact turns the customer at risk; the complaint adds no new sign")
                    .containsExactly("io.cxengine.journey.CustomerRegistered", "io.cxengine.journey.TouchpointRecorded",
                            "io.cxengine.journey.CustomerAtRisk", "io.cxengine.journey.ComplaintFiled");
            for (JsonNode message : messages) {
                Set<String> fields = new TreeSet<>();
                message.fieldNames().forEachRemaining(fields::add);
                assertThat(fields).isEqualTo(required);
                assertThat(message.get("specversion").asText()).isEqualTo("1.0");
                assertThat(message.get("personaldata").asText()).isEqualTo("pseudonymised");
                assertThat(message.at("/data/customerId").asText()).isEqualTo(message.get("subject").asText());
            }
            JsonNode registered = messages.get(0).get("data");
            assertThat(registered.has("name") || registered.has("email") || registered.has("phone")).isFalse();
            JsonNode complaint = messages.stream().filter(m -> m.get("type").asText().endsWith("ComplaintFiled"))
                    .findFirst().orElseThrow().get("data");
            assertThat(complaint.get("category").asText()).isEqualTo("BILLING_MISTAKE");
            assertThat(complaint.has("description")).isFalse();
            assertThat(messages.stream().map(m -> m.get("version").asLong()).distinct().toList())
                    .containsExactly(0L, 1L, 2L, 3L);
        }
    }

    @Test
    @DisplayName("while the topic is gone nothing is acknowledged and the token stays; once it is back, every event")
    void nothingSkippedWhileKafkaRefuses() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered() >= StoredEvents.head(jdbc));
            admin.deleteTopics(List.of(TOPIC)).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(TOPIC));

            String customer = api.registerCustomer("Mary Jackson");
            assertThat(api.post("/customers/%s/touchpoints".formatted(customer), """
                    {"channel": "EMAIL", "direction": "INBOUND", "purpose": "Where is my order", "valence": "NEUTRAL"}
                    """).status()).as("a command never waits for Kafka").isEqualTo(201);
            List<Long> stored = stored(customer);
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> delivered() < stored.get(0));

            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
            received(List.of(customer), value -> { });
        }
    }

    @Test
    @DisplayName("a canary in every personal and free-text field of a whole journey: in no message, nor the customer id")
    void nothingAnAnalystWouldNotSee() throws Exception {
        String canary = "Canary" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String customer = AnalystPrivacyIT.plant(api, canary, 7);
        List<JsonNode> received = received(List.of(customer),
                value -> assertThat(value).doesNotContainIgnoringCase(canary)).get(customer);
        assertThat(received.stream().map(message -> message.get("type").asText()).distinct())
                .as("the whole journey went out").hasSizeGreaterThan(10);
    }

    /**
     * What a consumer of its own takes from the topic for these customers, by customer, until it holds every stored
     * event of each in the order of the store (redeliveries dropped by position). Every message of theirs is keyed by
     * the customer's pseudonym, names it as its subject, holds no customer id, and passes {@code check}.
     */
    private Map<String, List<JsonNode>> received(List<String> customers, Consumer<String> check) {
        Map<String, String> keys = new HashMap<>();
        Map<String, List<Long>> stored = new HashMap<>();
        for (String customer : customers) {
            keys.put(pseudonyms.of(CustomerId.of(customer)).value(), customer);
            stored.put(customer, stored(customer));
        }
        Map<String, List<JsonNode>> received = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer("journey-events-test-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> message : consumer.poll(Duration.ofMillis(500))) {
                    String customer = keys.get(message.key());
                    if (customer != null) {
                        JsonNode envelope = json.readTree(message.value());
                        assertThat(envelope.get("subject").asText()).isEqualTo(message.key());
                        assertThat(message.value()).as("no customer id").doesNotContain(customer);
                        check.accept(message.value());
                        received.computeIfAbsent(customer, c -> new ArrayList<>()).add(envelope);
                    }
                }
                return customers.stream().allMatch(c -> positions(received.get(c)).equals(stored.get(c)));
            });
        }
        return received;
    }

    private List<Long> stored(String customer) {
        return jdbc.sql("""
                        SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :c
                         ORDER BY sequence_number""").param("c", customer).query(Long.class).list();
    }

    /** Where the delivery's token stands (its slowest segment), as operators see it. */
    private long delivered() {
        return api.get("/admin/projections/events-out-kafka").json().get("position").asLong();
    }

    /** The positions a consumer takes: in the order received, each above the last it took (redeliveries dropped). */
    private static List<Long> positions(List<JsonNode> messages) {
        List<Long> taken = new ArrayList<>();
        if (messages == null) {
            return taken;
        }
        for (Iterator<JsonNode> it = messages.iterator(); it.hasNext(); ) {
            long position = it.next().get("position").asLong();
            if (taken.isEmpty() || position > taken.get(taken.size() - 1)) {
                taken.add(position);
            }
        }
        return taken;
    }

    private KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
