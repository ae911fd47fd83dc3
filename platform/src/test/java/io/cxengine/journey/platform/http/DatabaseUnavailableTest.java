package io.cxengine.journey.platform.http;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean that the database did not answer (503), however Axon and Spring wrapped them. */
class DatabaseUnavailableTest {

    private static final PSQLException BROKEN = new PSQLException("An I/O error occurred while sending to the backend.",
            PSQLState.CONNECTION_FAILURE);

    @Test
    @DisplayName("a refused or broken connection, the pool's timeout and the server going away are the database not answering")
    void unavailable() {
        assertThat(DatabaseUnavailable.causedBy(BROKEN)).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLTransientConnectionException(
                "journey-embedded - Connection is not available, request timed out after 5000ms"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLException("no state")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("Connection is closed"))).as("HikariCP's proxy")
                .isTrue();
    }

    @Test
    @DisplayName("also wrapped by Axon's command bus and event store, Spring's commit, or a future")
    void wrapped() {
        assertThat(DatabaseUnavailable.causedBy(new CommandExecutionException("failed",
                new EventStoreException("An event could not be persisted", BROKEN)))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException("Could not commit JDBC transaction",
                BROKEN))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new CompletionException(new IllegalStateException("query failed",
                BROKEN)))).isTrue();
    }

    @Test
    @DisplayName("an answer of the database (a duplicate key, a syntax error) or a bug is not")
    void answered() {
        assertThat(DatabaseUnavailable.causedBy(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new EventStoreException("failed",
                new SQLException("syntax error", "42601")))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("a bug"))).isFalse();
    }
}
