package io.cxengine.journey.platform.eventstore;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Axon's JDBC storage engine, with every append bounded in time so that no write can commit after the projections
 * stopped waiting for its position (see {@link EventStoreSettings}): events older than the write timeout are refused
 * before they take a position, and the transaction that inserts them gets PostgreSQL's {@code transaction_timeout}
 * from that moment, so the server ends it rather than let it commit later.
 */
final class BoundedEventStorageEngine extends JdbcEventStorageEngine {

    /** PostgreSQL's SQLState for a transaction ended by {@code transaction_timeout}. */
    static final String TRANSACTION_TIMEOUT = "25P04";
    /** PostgreSQL's SQLState for a statement cancelled, here by {@code statement_timeout}. */
    static final String QUERY_CANCELED = "57014";

    private final TransactionManager transactions;
    private final Duration writeTimeout;

    BoundedEventStorageEngine(Builder builder, TransactionManager transactions, Duration writeTimeout) {
        super(builder);
        this.transactions = transactions;
        this.writeTimeout = writeTimeout;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty() || writeTimeout.isZero()) {
            super.appendEvents(events, serializer);
            return;
        }
        Instant oldest = events.stream().map(EventMessage::getTimestamp).min(Instant::compareTo).orElseThrow();
        Instant now = GenericEventMessage.clock.instant();
        if (oldest.isBefore(now.minus(writeTimeout))) {
            throw new EventWriteTimedOut("The write's events were created %s ago, longer than the write timeout (%s) "
                    .formatted(Duration.between(oldest, now), writeTimeout) + "allows; nothing was recorded", null);
        }
        try {
            // One transaction: the command's own, or one for these events alone.
            transactions.executeInTransaction(() -> {
                bound();
                super.appendEvents(events, serializer);
            });
        } catch (RuntimeException failure) {
            if (timedOut(failure)) {
                throw new EventWriteTimedOut("The write ran longer than the write timeout (%s) and was rolled back; "
                        .formatted(writeTimeout) + "nothing was recorded", failure);
            }
            throw failure;
        }
    }

    /**
     * Starts the transaction's timer now: cleared first, because PostgreSQL keeps a timer that is already running
     * (one set for the session or the role) when the setting changes. A statement still running (the insert waiting
     * for a lock) is cancelled a little earlier by {@code statement_timeout}, which fails the statement cleanly;
     * {@code transaction_timeout} ends the session, for a transaction left idle (the engine stalled before its commit).
     */
    private void bound() {
        long transaction = writeTimeout.toMillis();
        long statementTimeout = Math.max(1, transaction * 9 / 10);
        Connection connection = getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL transaction_timeout = 0; SET LOCAL transaction_timeout = " + transaction
                    + "; SET LOCAL statement_timeout = " + statementTimeout);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not bound the write's transaction (transaction_timeout)", e);
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Released to the transaction it belongs to; nothing to do.
            }
        }
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (TRANSACTION_TIMEOUT.equals(next.getSQLState()) || QUERY_CANCELED.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
