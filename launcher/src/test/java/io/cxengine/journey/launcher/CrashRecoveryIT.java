package io.cxengine.journey.launcher;

import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A crash that heals: after {@code kill -9} of the engine, the same start on the same data directory serves again with
 * every acknowledged customer, whether the engine's PostgreSQL outlived it (an orphan postmaster, stopped cleanly by the
 * next engine) or died with it (PostgreSQL's own crash recovery). Each engine is a process of its own, killed as the
 * operating system kills it.
 */
class CrashRecoveryIT extends EngineProcesses {

    @Test
    @DisplayName("kill -9 of the engine leaves its PostgreSQL running; the next start stops it and serves every customer")
    void orphanPostmaster() {
        UUID customer = UUID.randomUUID();
        ProcessHandle orphan;
        try (EngineProcess engine = EngineProcess.start(data(), workingDirectory.resolve("first.log"))) {
            register(engine.api(), customer, "Mary Jackson");
            orphan = PostgresProcesses.postmasterOf(data()).orElseThrow();
            engine.kill();
        }
        assertThat(orphan.isAlive()).as("the killed engine's PostgreSQL outlives it").isTrue();

        try (EngineProcess engine = EngineProcess.start(data(), workingDirectory.resolve("second.log"))) {
            assertThat(orphan.isAlive()).as("the orphan was stopped before a new server started").isFalse();
            assertThat(engine.log()).contains("still running on", "Stopped the stale embedded PostgreSQL");
            assertRecorded(engine.api(), customer, "Mary Jackson");
            assertThat(PostgresProcesses.postmasterOf(data())).isPresent();

            assertThatThrownBy(() -> EmbeddedPostgresServer.start(
                    new EmbeddedPostgresSettings(data(), 0, false, EmbeddedPostgresSettings.DEFAULT_CLUSTER_NAME)))
                    .as("never two servers on one directory")
                    .hasMessageContaining("in use by another running engine")
                    .hasMessageContaining(Long.toString(engine.handle().pid()));

            ProcessHandle postmaster = PostgresProcesses.postmasterOf(data()).orElseThrow();
            assertThat(engine.stop(Duration.ofSeconds(90))).as("a stopped engine ends").isTrue();
            assertThat(postmaster.isAlive()).as("and stops its PostgreSQL first").isFalse();
        }
    }

    @Test
    @DisplayName("kill -9 of the engine and of every PostgreSQL process at once: the next start recovers and serves")
    void engineAndPostgresKilled() {
        UUID customer = UUID.randomUUID();
        try (EngineProcess engine = EngineProcess.start(data(), workingDirectory.resolve("first.log"))) {
            register(engine.api(), customer, "Dorothy Vaughan");
            List<ProcessHandle> cluster = PostgresProcesses.clusterOf(data());
            assertThat(cluster).hasSizeGreaterThan(1);
            engine.handle().destroyForcibly();
            cluster.forEach(ProcessHandle::destroyForcibly);
            engine.kill();
            cluster.forEach(process -> PostgresProcesses.awaitExit(process, Duration.ofSeconds(30)));
        }
        assertThat(PostgresProcesses.postmasterOf(data())).isEmpty();

        try (EngineProcess engine = EngineProcess.start(data(), workingDirectory.resolve("second.log"))) {
            assertRecorded(engine.api(), customer, "Dorothy Vaughan");
            assertThat(engine.stop(Duration.ofSeconds(90))).isTrue();
        }
        assertThat(PostgresProcesses.postmasterOf(data())).isEmpty();
    }

    private static void register(Api api, UUID customer, String name) {
        Api.Response registered = api.post("/customers", """
                {"customerId": "%s", "name": "%s", "identifiedVia": "IN_PERSON"}""".formatted(customer, name));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    }

    /** The acknowledged customer is in the store (a second registration conflicts) and in its read model. */
    private static void assertRecorded(Api api, UUID customer, String name) {
        Api.Response again = api.post("/customers", """
                {"customerId": "%s", "name": "%s", "identifiedVia": "IN_PERSON"}""".formatted(customer, name));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/customers/" + customer + "/profile").status() == 200);
        assertThat(api.get("/customers/" + customer + "/profile").json().get("name").asText()).isEqualTo(name);
    }
}
