package io.cxengine.journey.query;

import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresSettings;
import io.cxengine.journey.platform.projection.ProjectionWrites;
import io.cxengine.journey.platform.schema.SchemaMigrations;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * A real PostgreSQL for the projections' tests: the embedded server, migrated as the engine migrates it, connected
 * with the read model on the search path as the engine connects. Handlers called outside a transaction write at once.
 */
public final class ReadModelDatabase implements AutoCloseable {

    private final EmbeddedPostgresServer server;
    private final JdbcClient jdbc;
    private final ProjectionWrites writes;

    private ReadModelDatabase(EmbeddedPostgresServer server) {
        this.server = server;
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(server.jdbcUrl());
        dataSource.setUser(EmbeddedPostgresServer.SUPERUSER);
        dataSource.setCurrentSchema("public,read_model");
        this.jdbc = JdbcClient.create(dataSource);
        this.writes = new ProjectionWrites(new NamedParameterJdbcTemplate(dataSource));
    }

    /** Starts the server (or joins the one running) and migrates the event store's and the query side's schema. */
    public static ReadModelDatabase start() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(EmbeddedPostgresSettings.ephemeralServer());
        SchemaMigrations.MigrationLogin owner = new SchemaMigrations.MigrationLogin(server.jdbcUrl(),
                EmbeddedPostgresServer.SUPERUSER, "");
        SchemaMigrations.MigrationSettings settings = new SchemaMigrations.MigrationSettings(true, null, null, null);
        SchemaMigrations.migrate(owner, "event-store", settings);
        SchemaMigrations.migrate(owner, "query-side", settings);
        return new ReadModelDatabase(server);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public ProjectionWrites writes() {
        return writes;
    }

    /** Empties a projection's tables before a test. */
    public void empty(List<String> tables) {
        jdbc.sql("TRUNCATE " + String.join(", ", tables.stream().map(table -> "read_model." + table).toList()))
                .update();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
