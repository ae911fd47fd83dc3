package io.cxengine.journey.query.http;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The engine's data source when a replica is configured: every connection from the primary, except inside
 * {@link #onReplica}, where a read of the views takes one from the streaming replica (read-only). Nothing else ever
 * sees the replica: the event store, the projections, the token store, the access log and every write stay on the
 * primary.
 */
final class ReplicaRouting extends DelegatingDataSource implements AutoCloseable {

    private static final ThreadLocal<Boolean> ON_REPLICA = new ThreadLocal<>();

    private final DataSource replica;

    ReplicaRouting(DataSource primary, DataSource replica) {
        super(primary);
        this.replica = replica;
    }

    /** Runs the read with connections from the replica (unless a transaction already holds one of the primary). */
    <T> T onReplica(Supplier<T> read) {
        Boolean before = ON_REPLICA.get();
        ON_REPLICA.set(Boolean.TRUE);
        try {
            return read.get();
        } finally {
            if (before == null) {
                ON_REPLICA.remove();
            } else {
                ON_REPLICA.set(before);
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return Boolean.TRUE.equals(ON_REPLICA.get()) ? replica.getConnection() : super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return Boolean.TRUE.equals(ON_REPLICA.get()) ? replica.getConnection(username, password)
                : super.getConnection(username, password);
    }

    /** Closes both pools with the engine. */
    @Override
    public void close() throws Exception {
        try {
            if (replica instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } finally {
            if (getTargetDataSource() instanceof AutoCloseable primary) {
                primary.close();
            }
        }
    }
}
