package io.cxengine.journey.platform;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import javax.sql.DataSource;

/**
 * One Flyway history per owner of tables (the event store, the command side, the query side), so that each side can
 * be deployed alone against a shared PostgreSQL and still migrate only what is its own.
 */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    /**
     * Migrates the scripts under {@code classpath:db/migration/<owner>} and records them in
     * {@code flyway_history_<owner>}, unless migrations are switched off ({@code journey.migrations.enabled=false},
     * for an engine that runs as the restricted {@code journey_app} role after the owner has migrated).
     */
    public static Migrated migrate(DataSource dataSource, String owner, MigrationSettings settings) {
        if (!settings.enabled()) {
            return new Migrated(owner, "not migrated here");
        }
        return new Migrated(owner, migrate(dataSource, owner).targetSchemaVersion);
    }

    static MigrateResult migrate(DataSource dataSource, String owner) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + owner)
                .table("flyway_history_" + owner.replace('-', '_'))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }

    /** Marker bean: the migrations of one owner have run. Beans that need those tables depend on it. */
    public record Migrated(String owner, String schemaVersion) {
    }

    /**
     * Whether this engine migrates the schema ({@code journey.migrations.enabled}).
     *
     * @param enabled false when the engine runs as a role that may not change the schema
     */
    @ConfigurationProperties("journey.migrations")
    public record MigrationSettings(@DefaultValue("true") boolean enabled) {
    }
}
