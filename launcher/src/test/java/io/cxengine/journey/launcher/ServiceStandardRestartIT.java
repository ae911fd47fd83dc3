package io.cxengine.journey.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Service standards are persistent deadlines: a clock started before a restart still runs out after it, and records
 * its breach; a clock stopped in time records nothing. The standard is shortened to seconds by configuration.
 */
class ServiceStandardRestartIT {

    @TempDir
    Path workingDirectory;

    @Test
    @DisplayName("a complaint filed before a restart and never acknowledged is breached after the restart")
    void breachSurvivesRestart() {
        Path data = workingDirectory.resolve("data/postgres");
        String customer = UUID.randomUUID().toString();
        String unacknowledged;
        String acknowledged;

        try (ConfigurableApplicationContext engine = start(data)) {
            Api api = new Api(port(engine));
            assertThat(api.post("/customers", """
                    {"customerId": "%s", "name": "Annie Easley", "identifiedVia": "CALLER_ID"}"""
                    .formatted(customer)).status()).isEqualTo(201);
            unacknowledged = fileComplaint(api, customer);
            acknowledged = fileComplaint(api, customer);
            assertThat(api.post("/customers/%s/complaints/%s/acknowledgement".formatted(customer, acknowledged), "{}")
                    .status()).isEqualTo(200);
            assertThat(api.post("/customers/%s/follow-ups".formatted(customer), """
                    {"dueAt": "%s", "channel": "PHONE", "purpose": "call back about the opening hours"}"""
                    .formatted(java.time.Instant.now().plusSeconds(8))).status()).isEqualTo(201);
            assertThat(breaches(engine, customer)).isEmpty();
        }

        try (ConfigurableApplicationContext engine = start(data)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !breaches(engine, customer).isEmpty());
            await().atMost(Duration.ofSeconds(30)).until(() -> breaches(engine, customer).size() == 2);
            assertThat(breaches(engine, customer)).contains(unacknowledged).hasSize(2);
            JdbcClient jdbc = engine.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT count(*) FROM service_clock WHERE schedule_id LIKE :c || '/%'")
                    .param("c", customer).query(Long.class).single()).isZero();
            String metaData = jdbc.sql("""
                            SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                             WHERE aggregate_identifier = :c AND payload_type LIKE '%ServiceStandardBreached' LIMIT 1""")
                    .param("c", customer).query(String.class).single();
            assertThat(metaData).contains("\"principal\":\"system:service-standards\"");

            Api api = new Api(port(engine));
            long head = StoredEvents.head(jdbc);
            var timeline = api.get("/customers/%s/timeline?minPosition=%d".formatted(customer, head)).json();
            assertThat(timeline.get("moments").findValuesAsText("kind"))
                    .contains("SERVICE_STANDARD_BREACHED", "FOLLOW_UP_MISSED");
            var profile = api.get("/customers/%s/profile?minPosition=%d".formatted(customer, head)).json();
            assertThat(profile.get("pendingFollowUps").asInt()).as("a missed follow-up is no longer pending").isZero();
            assertThat(profile.at("/relationshipBalance/total").asInt())
                    .as("two complaints, two breaches and a missed follow-up weigh -5").isEqualTo(-5);
            var promises = api.get("/customers/%s/briefing?minPosition=%d".formatted(customer, head)).json()
                    .get("promisesDue");
            assertThat(promises).as("the agent still sees the broken promise, as overdue").hasSize(1);
            assertThat(promises.get(0).get("overdue").asBoolean()).isTrue();
        }
    }

    private static String fileComplaint(Api api, String customer) {
        Api.Response filed = api.post("/customers/" + customer + "/complaints", """
                {"category": "INCORRECT_INFORMATION", "description": "Wrong opening hours online", "severity": "LOW"}""");
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        return filed.json().get("complaintId").asText();
    }

    private static List<String> breaches(ConfigurableApplicationContext engine, String customer) {
        return engine.getBean(JdbcClient.class).sql("""
                        SELECT convert_from(payload, 'UTF8')::jsonb ->> 'subject' FROM domain_event_entry
                         WHERE aggregate_identifier = :c AND payload_type LIKE '%ServiceStandardBreached'""")
                .param("c", customer).query(String.class).list();
    }

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(JourneyEngineApplication.class)
                .run("--server.port=0",
                        "--journey.embedded-postgres.ephemeral=false",
                        "--journey.embedded-postgres.data-directory=" + data,
                        "--journey.service-standards.complaint-acknowledgement=8s",
                        "--db-scheduler.polling-interval=1s");
    }

    private static int port(ConfigurableApplicationContext engine) {
        return ((WebServerApplicationContext) engine).getWebServer().getPort();
    }
}
