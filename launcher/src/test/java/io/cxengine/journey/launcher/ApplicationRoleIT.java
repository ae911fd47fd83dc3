package io.cxengine.journey.launcher;

import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrations' grants: the engine's role may read and append the event store, and PostgreSQL refuses the rest. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationRoleIT {

    @Autowired
    DataSource dataSource;
    @Autowired
    EmbeddedPostgresServer postgres;

    @Test
    @DisplayName("the engine's connections are the journey_app login, not a superuser, and a member of nothing else")
    void engineLogin() {
        JdbcClient engine = JdbcClient.create(dataSource);
        Login login = engine.sql("""
                        SELECT current_user, r.rolsuper, r.rolcanlogin, r.rolcreaterole, r.rolcreatedb
                          FROM pg_roles r WHERE r.rolname = current_user""")
                .query((row, n) -> new Login(row.getString(1), row.getBoolean(2), row.getBoolean(3),
                        row.getBoolean(4), row.getBoolean(5)))
                .single();
        assertThat(login).isEqualTo(new Login(EmbeddedPostgresServer.ENGINE_LOGIN, false, true, false, false));
        assertThat(engine.sql("""
                        SELECT g.rolname FROM pg_auth_members m
                          JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                         WHERE u.rolname = current_user""")
                .query(String.class).list())
                .isEqualTo(List.of("journey_app"));
    }

    @Test
    @DisplayName("through the engine's own connections, changing or removing a stored event is refused (42501)")
    void engineCannotRewriteHistory() throws SQLException {
        try (Connection engine = dataSource.getConnection(); Statement sql = engine.createStatement()) {
            engine.setAutoCommit(false);
            try {
                assertRefused(engine, sql, "UPDATE domain_event_entry SET payload = payload WHERE global_index = 1");
                assertRefused(engine, sql, "DELETE FROM domain_event_entry WHERE global_index = 1");
            } finally {
                engine.rollback();
                engine.setAutoCommit(true);
            }
        }
    }

    @Test
    @DisplayName("any login granted journey_app may select and insert events and access-log entries, but UPDATE, DELETE and TRUNCATE are refused")
    void appendOnly() throws SQLException {
        String login = "engine_" + UUID.randomUUID().toString().substring(0, 8);
        SchemaOwner.sql(postgres).sql("CREATE ROLE " + login + " LOGIN PASSWORD 'secret' IN ROLE journey_app").update();
        try (Connection engine = DriverManager.getConnection(postgres.jdbcUrl(), login, "secret");
             Statement sql = engine.createStatement()) {
            sql.execute("SET ROLE journey_app");
            engine.setAutoCommit(false);
            assertThat(sql.executeQuery("SELECT count(*) FROM domain_event_entry").next()).isTrue();
            sql.executeUpdate("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                    time_stamp, payload_type, payload)
                    VALUES ('probe-%s', 'probe', 0, 'Probe', '2026-01-01T00:00:00Z', 'Probe', '\\x7b7d')"""
                    .formatted(UUID.randomUUID()));
            engine.rollback();
            for (String forbidden : new String[]{
                    "UPDATE domain_event_entry SET payload = payload WHERE global_index = 1",
                    "DELETE FROM domain_event_entry WHERE global_index = 1",
                    "TRUNCATE domain_event_entry"}) {
                assertRefused(engine, sql, forbidden);
            }
            // Keys are created, wrapped, rewrapped and destroyed by the engine, but no key row is ever removed.
            sql.executeUpdate("""
                    UPDATE personal_data_key SET wrapped_key = wrapped_key, kek_id = kek_id, secret = NULL
                     WHERE customer_id = '00000000-0000-0000-0000-000000000000'""");
            engine.rollback();
            assertRefused(engine, sql, "DELETE FROM personal_data_key");

            sql.executeUpdate("""
                    INSERT INTO access_log (at, subject, client, scopes, operation, http_method, path, outcome,
                                            correlation_id)
                    VALUES (now(), 'probe', 'probe', '', 'Probe.read', 'GET', '/probe', '200', 'probe')""");
            engine.rollback();
            for (String forbidden : new String[]{
                    "UPDATE access_log SET subject = 'someone else' WHERE id = 1",
                    "DELETE FROM access_log WHERE id = 1",
                    "TRUNCATE access_log"}) {
                assertRefused(engine, sql, forbidden);
            }
            assertThat(sql.executeQuery("SELECT count(*) FROM read_model.customer_profile").next()).isTrue();
            sql.executeUpdate("DELETE FROM idempotency_record WHERE client_id = 'probe'");
            engine.rollback();
        }
    }

    private static void assertRefused(Connection engine, Statement sql, String forbidden) throws SQLException {
        assertThatThrownBy(() -> sql.executeUpdate(forbidden))
                .as(forbidden)
                .isInstanceOfSatisfying(SQLException.class,
                        refused -> assertThat(refused.getSQLState()).isEqualTo("42501"));
        engine.rollback();
    }

    record Login(String user, boolean superuser, boolean canLogin, boolean createRole, boolean createDb) {
    }
}
