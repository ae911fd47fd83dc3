package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events stored by an earlier revision of the engine (the golden corpus, written straight into the event store) load,
 * project and replay as the current events; an event of a type the engine does not know stops everything that reads
 * it, loudly, instead of being skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SchemaEvolutionIT extends EngineIntegration {

    static final String GOLDEN_CUSTOMER = "7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workingDirectory;

    @Test
    @DisplayName("a revision-1 touchpoint from the golden corpus loads in the aggregate, the projections and the history")
    void oldEventsLoadProjectAndReplay() throws IOException {
        String customer = UUID.randomUUID().toString();
        String touchpoint = UUID.randomUUID().toString();
        JsonNode golden = golden("TouchpointRecorded-r1.json");
        String goldenTouchpoint = JSON.readTree(golden.get("payload").asText()).get("touchpointId").asText();
        store(jdbc, customer, 0, golden("CustomerRegistered-r1.json"), null);
        long position = store(jdbc, customer, 1, golden, new String[]{goldenTouchpoint, touchpoint});
        Api api = new Api(port);

        JsonNode moments = api.get("/customers/%s/timeline?minPosition=%d".formatted(customer, position)).json()
                .get("moments");
        assertThat(moments.findValuesAsText("kind")).containsExactly("TOUCHPOINT");
        assertThat(api.get("/customers/%s/profile?minPosition=%d".formatted(customer, position)).json()
                .get("name").asText()).isEqualTo("Ada");

        Api.Response apology = api.post("/customers/" + customer + "/apologies", """
                {"touchpointId": "%s", "reason": "WAIT", "by": "agent"}""".formatted(touchpoint));
        assertThat(apology.status()).as("the aggregate knows the old touchpoint: " + apology).isEqualTo(200);

        JsonNode history = api.get("/customers/" + customer + "/history").json().get("events");
        assertThat(history.get(1).get("revision").asText()).as("as stored").isEqualTo("1");
        assertThat(history.get(1).at("/payload/contactCentre").asText()).as("as read").isEqualTo("in-house");
    }

    @Test
    @DisplayName("an event of an unknown type is never skipped: reading it fails, and projections stop before it")
    void unknownTypeFailsLoudly() throws IOException {
        try (ConfigurableApplicationContext engine = new SpringApplicationBuilder(JourneyEngineApplication.class)
                .run("--server.port=0", "--journey.embedded-postgres.ephemeral=false",
                        "--journey.embedded-postgres.data-directory=" + workingDirectory.resolve("pg"))) {
            Api api = new Api(((WebServerApplicationContext) engine).getWebServer().getPort());
            JdbcClient store = engine.getBean(JdbcClient.class);
            String customer = UUID.randomUUID().toString();
            store(store, customer, 0, golden("CustomerRegistered-r1.json"), null);
            var unknown = JSON.createObjectNode().put("type", "io.cxengine.journey.customer.CustomerEvent$Teleported")
                    .put("revision", "1").put("payload", "{\"customerId\":\"" + GOLDEN_CUSTOMER + "\"}");
            long position = store(store, customer, 1, unknown, null);

            Api.Response history = api.get("/customers/" + customer + "/history");
            assertThat(history.status()).isEqualTo(500);
            assertThat(history.header("Content-Type")).startsWith("application/problem+json");
            assertThat(api.post("/customers/" + customer + "/loss", "{\"reason\": \"UNKNOWN\"}").status())
                    .as("the aggregate refuses to decide without the fact").isEqualTo(500);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(api.get("/admin/projections/customer-profile").json().get("position").asLong())
                            .as("the projection does not pass the unknown event").isLessThan(position));
        }
    }

    /** Writes a golden event into the event store as an earlier engine stored it; returns its position. */
    private static long store(JdbcClient store, String customer, long sequence, JsonNode golden, String[] replace) {
        String payload = golden.get("payload").asText().replace(GOLDEN_CUSTOMER, customer);
        if (replace != null) {
            payload = payload.replace(replace[0], replace[1]);
        }
        return store.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                        time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (:id, :customer, :sequence, 'Customer', '2026-03-01T12:00:00Z', :type, :revision,
                                :payload, :meta)
                        RETURNING global_index""")
                .param("id", UUID.randomUUID().toString()).param("customer", customer).param("sequence", sequence)
                .param("type", golden.get("type").asText()).param("revision", golden.get("revision").asText())
                .param("payload", payload.getBytes(StandardCharsets.UTF_8))
                .param("meta", "{}".getBytes(StandardCharsets.UTF_8))
                .query(Long.class).single();
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream file = SchemaEvolutionIT.class.getResourceAsStream("/golden/" + name)) {
            return JSON.readTree(file);
        }
    }
}
