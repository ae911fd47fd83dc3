package io.cxengine.journey.launcher;

import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.cxengine.journey.query.QuerySideApplication;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A query node that reads its views from a streaming replica of the test database: a physical standby made here from
 * a base backup of the running primary (PostgreSQL's backup functions, a replication slot, {@code standby.signal}) and
 * started with the primary's own binaries and settings. Its replay is paused to make it visibly behind: a read that
 * names no position is served stale by the replica; a read given a write's position is still answered with the write
 * (by the primary, the replica not having it); once replay resumes the replica serves it; and a replica that is gone
 * is passed over.
 */
class ReplicaReadsIT extends EngineIntegration {

    private static final String SLOT = "replica_reads_it";

    @Autowired
    EmbeddedPostgresServer primary;

    Path replicaDirectory;

    @AfterEach
    void stopReplica() throws Exception {
        if (replicaDirectory != null) {
            PostgresProcesses.stop(replicaDirectory);
        }
        try (Connection primaryAdmin = admin(primary.port());
             Statement sql = primaryAdmin.createStatement()) {
            sql.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                    + SLOT + "'");
        }
    }

    @Test
    @DisplayName("views read from the replica; a read given a write's position still answers with it; a lost replica is passed over")
    void readsFromTheReplica() throws Exception {
        String customer = UUID.randomUUID().toString();
        long registered = api.post("/customers", """
                {"customerId": "%s", "name": "Barbara Liskov", "identifiedVia": "IN_PERSON"}""".formatted(customer))
                .json().get("position").asLong();
        int replicaPort = startReplica();
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0", "--journey.read.replica.url=" + primary.jdbcUrl()
                        .replace(":" + primary.port() + "/", ":" + replicaPort + "/"))) {
            // A reader only: the projections run on the primary's other node.
            node.getBean(EventProcessingConfiguration.class).eventProcessors().values()
                    .forEach(EventProcessor::shutDown);
            Api reads = new Api(((WebServerApplicationContext) node).getWebServer().getPort());

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Api.Response profile = reads.get("/customers/%s/profile?minPosition=%d".formatted(customer, registered));
                assertThat(profile.status()).isEqualTo(200);
                assertThat(profile.header("X-Read-From")).as("the replica has the registration").isEqualTo("replica");
            });
            assertThat(reads.get("/analytics/complaints").header("X-Read-From")).isEqualTo("replica");

            try (Connection replica = admin(replicaPort); Statement sql = replica.createStatement()) {
                sql.execute("SELECT pg_wal_replay_pause()");
                long position = api.post("/customers/" + customer + "/touchpoints", """
                        {"channel": "EMAIL", "direction": "INBOUND", "purpose": "substitution question",
                         "valence": "POSITIVE"}""").json().get("position").asLong();
                assertThat(api.get("/customers/%s/timeline?minPosition=%d".formatted(customer, position)).body())
                        .as("the primary's view has it").contains("substitution question");

                Api.Response stale = reads.get("/customers/" + customer + "/timeline");
                assertThat(stale.header("X-Read-From")).isEqualTo("replica");
                assertThat(stale.body()).as("the paused replica does not have it yet")
                        .doesNotContain("substitution question");

                Api.Response own = reads.get("/customers/%s/timeline?minPosition=%d".formatted(customer, position));
                assertThat(own.body()).as("read-your-writes, replica behind").contains("substitution question");
                assertThat(own.header("X-Read-From")).isEqualTo("primary");
                Api.Response ownProfile = reads.get("/customers/%s/profile?minPosition=%d".formatted(customer, position));
                assertThat(ownProfile.json().at("/relationshipBalance/total").asInt()).isEqualTo(1);
                assertThat(ownProfile.header("X-Position-Reached")).isEqualTo("true");

                sql.execute("SELECT pg_wal_replay_resume()");
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    Api.Response caughtUp = reads.get("/customers/%s/timeline?minPosition=%d".formatted(customer,
                            position));
                    assertThat(caughtUp.header("X-Read-From")).isEqualTo("replica");
                    assertThat(caughtUp.body()).contains("substitution question");
                });
            }

            PostgresProcesses.stop(replicaDirectory);
            // Asked through Axon's query bus, whose transaction cannot begin on the stopped replica: the primary.
            Api.Response figures = reads.get("/analytics/complaints");
            assertThat(figures.status()).as(figures.toString()).isEqualTo(200);
            assertThat(figures.header("X-Read-From")).isEqualTo("primary");
            Api.Response withoutReplica = reads.get("/customers/" + customer + "/timeline");
            assertThat(withoutReplica.status()).isEqualTo(200);
            assertThat(withoutReplica.header("X-Read-From")).isEqualTo("primary");
            assertThat(withoutReplica.body()).contains("substitution question");
        }
    }

    /**
     * A streaming replica of the primary, as {@code pg_basebackup} would make it: a replication slot keeps the WAL it
     * needs, the files are copied between {@code pg_backup_start} and {@code pg_backup_stop}, whose label file goes
     * with them; started with the primary's command line on a directory and port of its own. Its port.
     */
    private int startReplica() throws Exception {
        Path source = primary.dataDirectory();
        replicaDirectory = Files.createTempDirectory("journey-replica",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String label;
        try (Connection backup = admin(primary.port()); Statement sql = backup.createStatement()) {
            sql.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            sql.execute("SELECT pg_backup_start('replica-reads-it', true)");
            copy(source, replicaDirectory);
            try (ResultSet stop = sql.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                stop.next();
                label = stop.getString(1);
            }
        }
        Files.writeString(replicaDirectory.resolve("backup_label"), label);
        Files.writeString(replicaDirectory.resolve("standby.signal"), "");
        Files.writeString(replicaDirectory.resolve("postgresql.auto.conf"), """
                primary_conninfo = 'host=localhost port=%d user=postgres application_name=replica-reads-it'
                primary_slot_name = '%s'
                """.formatted(primary.port(), SLOT), StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        int port = EngineProcess.freePort();
        long postmaster = PostgresProcesses.postmasterOf(source).orElseThrow().pid();
        List<String> command = new ArrayList<>(PostgresProcesses.commandLine(postmaster));
        command.set(command.indexOf("-D") + 1, replicaDirectory.toString());
        command.set(command.indexOf("-p") + 1, Integer.toString(port));
        PostgresProcesses.relaunch(command, port, replicaDirectory.resolveSibling(
                replicaDirectory.getFileName() + ".log"));
        return port;
    }

    /** The cluster's files, without what a base backup leaves out: the WAL, slots, the lock file, temporary state. */
    private static void copy(Path source, Path target) throws IOException {
        Set<String> emptied = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial",
                "pg_snapshots", "pg_subtrans");
        Set<String> left = Set.of("postmaster.pid", "postmaster.opts", "backup_label", "standby.signal");
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(directory);
                Files.createDirectories(target.resolve(relative.toString()));
                return relative.getNameCount() == 1 && emptied.contains(relative.toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(file);
                if (!(relative.getNameCount() == 1 && left.contains(relative.toString()))) {
                    try {
                        Files.copy(file, target.resolve(relative.toString()));
                    } catch (NoSuchFileException goneMeanwhile) {
                        // A temporary file removed while the backup ran: the WAL replay does without it.
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }
        });
        Files.createDirectories(target.resolve("pg_wal/archive_status"));
    }

    private static Connection admin(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:%d/postgres?user=%s"
                .formatted(port, EmbeddedPostgresServer.SUPERUSER));
    }
}
