package io.cxengine.journey.launcher;

import io.cxengine.journey.platform.EmbeddedPostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrations' grants: the engine's role may read and append the event store, and PostgreSQL refuses the rest. */
@SpringBootTest
class ApplicationRoleIT {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedPostgresServer postgres;
    String login;

    @BeforeEach
    void engineLogin() {
        login = "engine_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("CREATE ROLE " + login + " LOGIN PASSWORD 'secret' IN ROLE journey_app").update();
    }

    @Test
    @DisplayName("the application role may select and insert events and access-log entries, but UPDATE, DELETE and TRUNCATE are refused")
    void appendOnly() throws SQLException {
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
                assertThatThrownBy(() -> sql.executeUpdate(forbidden))
                        .as(forbidden)
                        .isInstanceOfSatisfying(SQLException.class,
                                refused -> assertThat(refused.getSQLState()).isEqualTo("42501"));
                engine.rollback();
            }
            // Keys are created, wrapped, rewrapped and destroyed by the engine, but no key row is ever removed.
            sql.executeUpdate("""
                    UPDATE personal_data_key SET wrapped_key = wrapped_key, kek_id = kek_id, secret = NULL
                     WHERE customer_id = '00000000-0000-0000-0000-000000000000'""");
            engine.rollback();
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM personal_data_key"))
                    .isInstanceOfSatisfying(SQLException.class,
                            refused -> assertThat(refused.getSQLState()).isEqualTo("42501"));
            engine.rollback();

            sql.executeUpdate("""
                    INSERT INTO access_log (at, subject, client, scopes, operation, http_method, path, outcome,
                                            correlation_id)
                    VALUES (now(), 'probe', 'probe', '', 'Probe.read', 'GET', '/probe', '200', 'probe')""");
            engine.rollback();
            for (String forbidden : new String[]{
                    "UPDATE access_log SET subject = 'someone else' WHERE id = 1",
                    "DELETE FROM access_log WHERE id = 1",
                    "TRUNCATE access_log"}) {
                assertThatThrownBy(() -> sql.executeUpdate(forbidden))
                        .as(forbidden)
                        .isInstanceOfSatisfying(SQLException.class,
                                refused -> assertThat(refused.getSQLState()).isEqualTo("42501"));
                engine.rollback();
            }
            assertThat(sql.executeQuery("SELECT count(*) FROM read_model.customer_profile").next()).isTrue();
            sql.executeUpdate("DELETE FROM idempotency_record WHERE client_id = 'probe'");
            engine.rollback();
        }
    }
}
