package io.cxengine.journey.platform.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements sent to PostgreSQL together and answered together: one round trip. Each is added with its parameters and,
 * if it returns rows, what reads them. They run in the order added, each (under READ COMMITTED) in a snapshot of its
 * own, so a statement sees everything committed before a lock that an earlier statement of the trip waited for.
 * <p>
 * The parts of a trip may come from different owners of SQL (a customer's lock, an {@code Idempotency-Key}'s claim,
 * the ids a command names): each adds its own statements and reads its own rows.
 */
public final class RoundTrip {

    /** Reads the rows of one statement. */
    @FunctionalInterface
    public interface Rows {
        void read(ResultSet rows) throws SQLException;
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private final List<Rows> readers = new ArrayList<>();

    /**
     * Adds one statement (without its terminating semicolon), its {@code ?} parameters in order, and what reads its
     * rows (null for a statement whose result nobody reads, such as a {@code SET}).
     */
    public RoundTrip statement(String statement, Rows rows, Object... parameters) {
        if (!sql.isEmpty()) {
            sql.append(";\n");
        }
        sql.append(statement);
        this.parameters.addAll(List.of(parameters));
        readers.add(rows);
        return this;
    }

    /** Whether anything was added. */
    public boolean isEmpty() {
        return readers.isEmpty();
    }

    /** Runs every statement in one round trip on the connection, and hands each one's rows to its reader. */
    public void run(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            boolean rows = statement.execute();
            for (int i = 0; i < readers.size(); i++) {
                if (i > 0) {
                    rows = statement.getMoreResults();
                }
                if (rows) {
                    if (readers.get(i) != null) {
                        try (ResultSet result = statement.getResultSet()) {
                            readers.get(i).read(result);
                        }
                    }
                } else if (statement.getUpdateCount() == -1) {
                    throw new IllegalStateException("The round trip answered %d of its %d statements"
                            .formatted(i, readers.size()));
                }
            }
        }
    }
}
