package io.cxengine.journey.platform.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;

/**
 * One Flyway history per owner of tables (the event store, the command side, the query side), so that each side can
 * be deployed alone against a shared PostgreSQL and still migrate only what is its own.
 * <p>
 * Migrations run on a connection of their own, as the schema's owner ({@link MigrationLogin}); the engine's runtime
 * connections belong to a login that is only granted {@code journey_app} and may not change the schema.
 */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    /**
     * Migrates the scripts under {@code classpath:db/migration/<owner>} as the migration login and records them in
     * {@code flyway_history_<owner>}, unless migrations are switched off ({@code journey.migrations.enabled=false},
     * for an engine whose schema an operator migrates separately).
     */
    public static Migrated migrate(MigrationLogin login, String owner, MigrationSettings settings) {
        if (!settings.enabled()) {
            return new Migrated(owner, "not migrated here");
        }
        return new Migrated(owner, migrate(login.dataSource(), owner).targetSchemaVersion);
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
     * The login that owns the schema and runs the migrations: a connection apart from the engine's pool, opened only
     * while migrating.
     *
     * @param url      JDBC URL of the database
     * @param username the owner's user name, or null when the URL carries it
     * @param password the owner's password, or null (trust authentication, or carried by the URL)
     */
    public record MigrationLogin(String url, String username, String password) {

        @Override
        public String toString() {
            return "MigrationLogin[" + username + " on " + url + "]"; // never the password
        }

        DataSource dataSource() {
            return DataSourceBuilder.create().type(SimpleDriverDataSource.class)
                    .url(url).username(username).password(password).build();
        }
    }

    /**
     * Whether this engine migrates the schema, and as whom ({@code journey.migrations.*}).
     *
     * @param enabled  false when an operator migrates the schema separately and the engine only runs
     * @param url      the owner's JDBC URL; unset: the runtime datasource's ({@code spring.datasource.url})
     * @param username the owner's user name; unset: the runtime datasource's user name and password
     * @param password the owner's password
     */
    @ConfigurationProperties("journey.migrations")
    public record MigrationSettings(@DefaultValue("true") boolean enabled, String url, String username,
                                   String password) {

        @Override
        public String toString() {
            return "MigrationSettings[enabled=" + enabled + ", url=" + url + ", username=" + username + "]";
        }

        /** The owner's login, each part not configured here taken from the runtime datasource's. */
        public MigrationLogin login(String runtimeUrl, String runtimeUsername, String runtimePassword) {
            String owner = url != null && !url.isBlank() ? url : runtimeUrl;
            return username != null && !username.isBlank()
                    ? new MigrationLogin(owner, username, password)
                    : new MigrationLogin(owner, runtimeUsername, runtimePassword);
        }
    }
}
