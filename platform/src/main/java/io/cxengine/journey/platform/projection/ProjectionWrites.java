package io.cxengine.journey.platform.projection;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The writes of the projections, sent to PostgreSQL a batch at a time rather than a statement at a time.
 * <p>
 * While a projection handles a batch of events in one transaction, its statements are queued (see
 * {@link SavepointPerEvent}, which opens the queue and flushes it before the transaction commits, or after each event
 * once the projection has failed). A flush keeps every customer's statements in their order and sends, level by level
 * (each customer's first statement, then each one's second, …), all the statements of one SQL text as one JDBC batch,
 * which the driver pipelines: a round trip per SQL text and level instead of one per statement. Statements of
 * different customers commute, because every row of a view belongs to one customer's journey.
 * <p>
 * Outside such a transaction (a reset, an admin call, a test) a write runs at once.
 */
public class ProjectionWrites {

    private final NamedParameterJdbcTemplate jdbc;
    private final Object resource = new Object();

    public ProjectionWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A statement to run, with its named parameters. */
    public Write sql(String sql) {
        return new Write(sql);
    }

    /**
     * A value kept for the rest of the transaction, such as a customer's state read once and written back once per
     * batch; {@code loader} reads it when it is not kept yet (or when no queue is open).
     */
    @SuppressWarnings("unchecked")
    public <T> T kept(Object key, Supplier<T> loader) {
        Queue queue = queue();
        if (queue == null) {
            return loader.get();
        }
        return (T) queue.kept.computeIfAbsent(key, k -> loader.get());
    }

    /**
     * Keeps {@code value} under {@code key} for the rest of the transaction in place of what was kept (a customer's
     * new state, once an event has changed it); nothing is kept when no queue is open.
     */
    public void keep(Object key, Object value) {
        Queue queue = queue();
        if (queue != null) {
            queue.kept.put(key, value);
        }
    }

    /**
     * A value that several events of a batch add to, written once (a customer's counters, say): {@code add} changes
     * the value kept under {@code key} since the queue was last sent (made by {@code fresh} the first time), and that
     * first call queues {@code sql} at that point of the customer's statements, its parameters taken from the value
     * ({@code parameters}) as the queue is sent. After a send the next call starts afresh, so every change is written
     * exactly once. Only for changes that commute with the customer's other statements of the batch. Outside a
     * transaction it is written at once.
     */
    public <T> void summed(Object key, Supplier<T> fresh, Consumer<T> add, String sql,
                           BiConsumer<T, Write> parameters) {
        Queue queue = queue();
        if (queue == null) {
            T value = fresh.get();
            add.accept(value);
            Write write = new Write(sql);
            parameters.accept(value, write);
            write.execute();
            return;
        }
        @SuppressWarnings("unchecked")
        Summed<T> summed = (Summed<T>) queue.summed.get(key);
        if (summed == null) {
            summed = new Summed<>(fresh.get(), new Write(sql), parameters);
            queue.summed.put(key, summed);
            queue.add(summed.write());
        }
        add.accept(summed.value());
    }

    /** A value being summed up, its queued write, and how the write takes its parameters from it. */
    private record Summed<T>(T value, Write write, BiConsumer<T, Write> parameters) {
        void fill() {
            parameters.accept(value, write);
        }
    }

    /** Runs every queued statement now: before a read that must see them, or before the transaction commits. */
    public void flush() {
        Queue queue = queue();
        if (queue != null) {
            queue.flush();
        }
    }

    /** Opens the queue of the current transaction; false if it was open already. */
    boolean open() {
        if (queue() != null) {
            return false;
        }
        TransactionSynchronizationManager.bindResource(resource, new Queue());
        return true;
    }

    /** The writes that follow are those of this customer's event (their order is kept within the customer). */
    void handling(String customer) {
        Queue queue = queue();
        if (queue != null) {
            queue.customer = customer;
        }
    }

    /** Closes the queue without running what is left in it (the transaction is over or rolled back). */
    void close() {
        if (queue() != null) {
            TransactionSynchronizationManager.unbindResource(resource);
        }
    }

    /** Forgets what was queued and kept since the last flush (the event that wrote it was rolled back). */
    void discard() {
        Queue queue = queue();
        if (queue != null) {
            queue.statements.clear();
            queue.kept.clear();
            queue.summed.clear();
        }
    }

    private Queue queue() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                ? (Queue) TransactionSynchronizationManager.getResource(resource) : null;
    }

    /** One statement; {@link #execute()} queues or runs it. */
    public final class Write {
        private final String sql;
        private final MapSqlParameterSource parameters = new MapSqlParameterSource();
        private String replaces;

        private Write(String sql) {
            this.sql = sql;
        }

        public Write param(String name, Object value) {
            parameters.addValue(name, value);
            return this;
        }

        /**
         * This statement makes an earlier queued one with the same identity pointless (both write a customer's whole
         * state): the earlier one is dropped.
         */
        public Write replacing(String identity) {
            this.replaces = identity;
            return this;
        }

        public void execute() {
            Queue queue = queue();
            if (queue == null) {
                jdbc.update(sql, parameters);
            } else {
                queue.add(this);
            }
        }
    }

    private final class Queue {
        private final Set<Queued> statements = new LinkedHashSet<>();
        private final Map<Object, Object> kept = new HashMap<>();
        private final Map<Object, Summed<?>> summed = new HashMap<>();
        private final Map<String, Queued> byIdentity = new HashMap<>();
        private String customer = "";
        private boolean asynchronous;

        private record Queued(String customer, Write write) {
        }

        void add(Write write) {
            Queued queued = new Queued(customer, write);
            if (write.replaces != null) {
                Queued earlier = byIdentity.put(write.replaces, queued);
                if (earlier != null) {
                    statements.remove(earlier);
                }
            }
            statements.add(queued);
        }

        void flush() {
            summed.values().forEach(Summed::fill);
            summed.clear();
            if (statements.isEmpty()) {
                return;
            }
            if (!asynchronous) {
                // The one transaction of the engine that may commit before its write-ahead log is on disk: a
                // projection's batch. Its token commits in the same transaction, so a crash within PostgreSQL's
                // wal_writer_delay (200 ms) loses the batch and its token together, and the projection handles the
                // same events again from the event store, whose appends are durable. The log is still written in
                // order: nothing is corrupted. See docs/reliability.md.
                jdbc.getJdbcTemplate().execute("SET LOCAL synchronous_commit TO OFF");
                asynchronous = true;
            }
            List<Queued> pending = new ArrayList<>(statements);
            statements.clear();
            byIdentity.clear();
            Map<String, Integer> depth = new HashMap<>();
            List<List<Queued>> levels = new ArrayList<>();
            for (Queued queued : pending) {
                int level = depth.merge(queued.customer(), 1, Integer::sum) - 1;
                if (level == levels.size()) {
                    levels.add(new ArrayList<>());
                }
                levels.get(level).add(queued);
            }
            for (List<Queued> level : levels) {
                Map<String, List<SqlParameterSource>> bySql = new LinkedHashMap<>();
                for (Queued queued : level) {
                    bySql.computeIfAbsent(queued.write().sql, sql -> new ArrayList<>())
                            .add(queued.write().parameters);
                }
                bySql.forEach((sql, parameters) -> {
                    if (parameters.size() == 1) {
                        jdbc.update(sql, parameters.get(0));
                    } else {
                        jdbc.batchUpdate(sql, parameters.toArray(SqlParameterSource[]::new));
                    }
                });
            }
        }
    }
}
