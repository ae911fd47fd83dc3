package io.cxengine.journey.launcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The walking skeleton through HTTP: register a customer, read the profile back, and the refusals around it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerRegistrationIT extends EngineIntegration {


    @BeforeEach
    void client() {
    }

    @Test
    @DisplayName("a registered customer's profile can be read back")
    void registerAndReadProfile() {
        UUID customer = UUID.randomUUID();

        Api.Response registered = register(customer, "Ada Lovelace");

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.header("Location")).isEqualTo("/customers/" + customer);
        assertThat(registered.header("ETag")).isEqualTo("\"0\"");
        assertThat(registered.json().get("customerId").asText()).isEqualTo(customer.toString());
        assertThat(registered.json().get("position").asLong()).isPositive();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Api.Response profile = api.get("/customers/" + customer + "/profile");
            assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
            assertThat(profile.json().get("name").asText()).isEqualTo("Ada Lovelace");
            assertThat(profile.json().get("email").asText()).isEqualTo("ada@example.com");
            assertThat(profile.json().get("identifiedVia").asText()).isEqualTo("CALLER_ID");
            assertThat(profile.header("ETag")).isEqualTo("\"0\"");
        });
    }

    @Test
    @DisplayName("the server assigns an id when the client gives none")
    void serverAssignsId() {
        Api.Response registered = api.post("/customers", """
                {"name": "Ada Lovelace", "identifiedVia": "WEB_REGISTRATION"}""");

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String id = registered.json().get("customerId").asText();
        assertThat(registered.header("Location")).isEqualTo("/customers/" + id);
        assertThat(eventsOf(UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    @DisplayName("registering the same customer id again is a 409 problem and records nothing")
    void secondRegistrationConflicts() {
        UUID customer = UUID.randomUUID();
        assertThat(register(customer, "Ada Lovelace").status()).isEqualTo(201);

        Api.Response again = register(customer, "Someone Else");

        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().get("type").asText()).endsWith("/journey-rule");
        assertThat(again.json().get("status").asInt()).isEqualTo(409);
        assertThat(eventsOf(customer)).isEqualTo(1);
    }

    @Test
    @DisplayName("concurrent registrations of one id: one wins, the others get 409 (PostgreSQL's duplicate key), never 500")
    void concurrentRegistrationsConflict() throws Exception {
        UUID customer = UUID.randomUUID();
        List<Integer> statuses = Race.statuses(12, sender -> register(customer, "Ada Lovelace"));

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(eventsOf(customer)).isEqualTo(1);
    }

    @Test
    @DisplayName("an unknown customer's profile is a 404 problem")
    void unknownCustomer() {
        Api.Response profile = api.get("/customers/" + UUID.randomUUID() + "/profile");

        assertThat(profile.status()).isEqualTo(404);
        assertThat(profile.header("Content-Type")).startsWith("application/problem+json");
        assertThat(profile.json().get("type").asText()).endsWith("/unknown-customer");
    }

    @Test
    @DisplayName("an invalid registration is a 400 problem naming the fields, and records nothing")
    void invalidRegistration() {
        UUID customer = UUID.randomUUID();

        Api.Response invalid = api.post("/customers", """
                {"customerId": "%s", "name": " ", "email": "not-an-email", "identifiedVia": "CALLER_ID"}"""
                .formatted(customer));

        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
        assertThat(invalid.json().get("errors").findValuesAsText("field")).contains("name", "email");
        assertThat(eventsOf(customer)).isZero();
    }

    private Api.Response register(UUID customer, String name) {
        return api.post("/customers", """
                {"customerId": "%s", "name": "%s", "email": "ada@example.com", "phone": "+44 20 7946 0000",
                 "identifiedVia": "CALLER_ID"}""".formatted(customer, name));
    }

    private long eventsOf(UUID customer) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", customer.toString())
                .query(Long.class)
                .single();
    }
}
