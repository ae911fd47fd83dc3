package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison event: the customer-profile projection fails on one customer's purchase (a PostgreSQL trigger plays the
 * bug). That customer's sequence is parked in the dead-letter queue, later events of the same customer queue behind
 * it, other customers' events keep flowing; after the fix, a retry leaves the view correct.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PoisonEventIT extends EngineIntegration {

    @Autowired
    EmbeddedPostgresServer postgres;
    /** The bug is planted as the owner: the engine's own login may not create triggers. */
    JdbcClient jdbc;
    @RegisterExtension
    final PlantedBugs bugs = new PlantedBugs();
    @Autowired
    EventProcessingConfiguration processing;

    @BeforeEach
    void asOwner() {
        jdbc = SchemaOwner.sql(postgres);
    }

    @Test
    @DisplayName("one customer's failing event is parked, the others flow on, and a retry after the fix repairs the view")
    void poisonEvent() {
        Api api = new Api(port);
        String poisoned = api.registerCustomer("Poisoned Customer");
        String healthy = api.registerCustomer("Healthy Customer");
        bugs.plant(jdbc, "poison", "UPDATE", "read_model.customer_profile",
                "NEW.customer_id = '%s' AND NEW.purchase_count > OLD.purchase_count".formatted(poisoned),
                "the profile projection has a bug with this customer");

        purchase(api, poisoned, "P-1");
        api.post("/customers/" + poisoned + "/touchpoints", """
                {"channel": "CHAT", "direction": "INBOUND", "purpose": "where is my order", "valence": "NEGATIVE"}""");
        long last = purchase(api, healthy, "H-1");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/customers/" + healthy + "/profile?minPosition=" + last).json().at("/value/purchases").asInt())
                .as("other customers keep flowing").isEqualTo(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode parked = api.get("/admin/projections/customer-profile/dead-letters").json();
            // The purchase the bug refuses, then what waits behind it: the bad contact and the at-risk turn it made.
            assertThat(parked.findValuesAsText("customerId")).containsOnly(poisoned).hasSize(3);
        });
        JsonNode stuck = api.get("/customers/" + poisoned + "/profile").json();
        assertThat(stuck.at("/value/purchases").asInt()).isZero();
        assertThat(api.get("/customers/" + poisoned + "/timeline?minPosition=" + last).json().get("moments"))
                .as("the other projections are not held up").hasSize(2);

        bugs.removeAll();
        JsonNode retry = api.post("/admin/projections/customer-profile/dead-letters/retry", "").json();

        assertThat(retry.get("sequencesProcessed").asInt()).isEqualTo(1);
        assertThat(retry.get("stillParked").asLong()).isZero();
        JsonNode repaired = api.get("/customers/" + poisoned + "/profile").json();
        assertThat(repaired.at("/value/purchases").asInt()).isEqualTo(1);
        assertThat(repaired.at("/relationshipBalance/total").asInt()).isEqualTo(-1);
        assertThat(repaired.get("version").asLong()).as("the at-risk turn included").isEqualTo(3);
        assertThat(api.get("/admin/projections/customer-profile").json().get("deadLetters").asLong()).isZero();
    }

    @Test
    @DisplayName("every projection's dead-letter check answers from the per-segment cache, not a query per event")
    void sequenceCache() throws Exception {
        // Axon keeps the switch private; without it every event costs each projection one more round trip.
        Field enabled = DeadLetteringEventHandlerInvoker.class.getDeclaredField("sequenceIdentifierCacheEnabled");
        enabled.setAccessible(true);
        assertThat(processing.eventProcessors()).hasSize(6);
        processing.eventProcessors().forEach((name, processor) -> {
            EventHandlerInvoker invoker = ((AbstractEventProcessor) processor).eventHandlerInvoker();
            List<EventHandlerInvoker> invokers = invoker instanceof MultiEventHandlerInvoker multi
                    ? multi.delegates() : List.of(invoker);
            if (name.startsWith("events-out-")) {
                // A delivery parks nothing: a failure fails its batch, which is tried again (AtLeastOnceDelivery).
                assertThat(invokers).as(name).noneMatch(DeadLetteringEventHandlerInvoker.class::isInstance);
                return;
            }
            assertThat(invokers).as(name).hasSize(1).allSatisfy(dlq -> {
                assertThat(dlq).isInstanceOf(DeadLetteringEventHandlerInvoker.class);
                assertThat(enabled.getBoolean(dlq)).isTrue();
            });
        });
    }

    private static long purchase(Api api, String customer, String order) {
        Api.Response response = api.post("/customers/" + customer + "/purchases", """
                {"orderId": "%s", "amount": {"amount": "10.00", "currency": "EUR"}}""".formatted(order));
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("position").asLong();
    }
}
