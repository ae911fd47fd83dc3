package io.cxengine.journey.query;

import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresSettings;
import io.cxengine.journey.platform.projection.ProjectionWrites;
import io.cxengine.journey.platform.schema.SchemaMigrations;
import io.cxengine.journey.query.value.ValueSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.util.List;

/**
 * A real PostgreSQL for the projections' tests, registered as an extension of the test class: the embedded server,
 * started before the class's tests and migrated as the engine migrates it, connected with the read model on the search
 * path as the engine connects. Handlers called outside a transaction write at once.
 */
public final class ReadModelDatabase implements BeforeAllCallback, AfterAllCallback {

    /** The settings of customer value the engine starts with. */
    public static final ValueSettings VALUE = new ValueSettings(new BigDecimal("0.10"), 5, new BigDecimal("2000"),
            new BigDecimal("500"));

    private EmbeddedPostgresServer server;
    private JdbcClient jdbc;
    private ProjectionWrites writes;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EmbeddedPostgresServer.start(EmbeddedPostgresSettings.ephemeralServer());
        SchemaMigrations.MigrationLogin owner = new SchemaMigrations.MigrationLogin(server.jdbcUrl(),
                EmbeddedPostgresServer.SUPERUSER, "");
        SchemaMigrations.MigrationSettings settings = new SchemaMigrations.MigrationSettings(true, null, null, null);
        SchemaMigrations.migrate(owner, "event-store", settings);
        SchemaMigrations.migrate(owner, "query-side", settings);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(server.jdbcUrl());
        dataSource.setUser(EmbeddedPostgresServer.SUPERUSER);
        dataSource.setCurrentSchema("public,read_model");
        jdbc = JdbcClient.create(dataSource);
        writes = new ProjectionWrites(new NamedParameterJdbcTemplate(dataSource));
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
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }
}
