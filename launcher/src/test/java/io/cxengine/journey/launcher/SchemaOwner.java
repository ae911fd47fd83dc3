package io.cxengine.journey.launcher;

import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * SQL as the embedded server's superuser, for what a test does behind the engine's back and the engine's own login
 * may not: tampering with stored events, planting a trigger, creating roles, reading every table.
 */
final class SchemaOwner {

    private SchemaOwner() {
    }

    static JdbcClient sql(EmbeddedPostgresServer postgres) {
        return JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.jdbcUrl(),
                EmbeddedPostgresServer.SUPERUSER, ""));
    }
}
