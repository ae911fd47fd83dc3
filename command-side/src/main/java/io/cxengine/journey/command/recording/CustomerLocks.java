package io.cxengine.journey.command.recording;

import io.cxengine.journey.platform.eventstore.EventStoreSettings;
import io.cxengine.journey.platform.eventstore.EventWriteTimedOut;
import io.cxengine.journey.platform.eventstore.RoundTrip;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One writer of a customer at a time, across every engine process that shares the event store.
 * <p>
 * Axon's own lock keeps two commands of one process off the same customer; between processes, two commands could load
 * the same version, and the second to commit lost on the event store's unique key. Such a loser is answered 409, and
 * its insert has already taken a global index that no event will ever have: a gap that every projection's token
 * carries, copied into every event it reads, until it is older than the gap timeout. Under a stream of such conflicts
 * (two engines, one busy customer) those copies filled the heap. So before a command or deadline loads a customer, it
 * also takes a PostgreSQL advisory lock on the customer for the rest of its transaction: the next writer of that
 * customer, in any process, waits for the commit and then loads what it recorded. Process lock first, then the
 * database's, in that order everywhere, so two threads of one process never wait on each other through PostgreSQL.
 * <p>
 * The wait is bounded by the write timeout: a customer held longer than that is answered 503 {@code write-timed-out}
 * with nothing recorded, safe to retry with the same {@code Idempotency-Key}; with the bound switched off
 * ({@code journey.event-store.write-timeout=0}) a write waits for its turn. Outside a transaction (there is none in
 * a unit test of the aggregate) only the process lock is taken.
 * <p>
 * In the same round trip it reads the customer's version as stored, which tells the repository whether the customer
 * it keeps in memory is the customer as stored ({@link VersionCheckedRepository}). A customer whose lock this unit of
 * work's transaction holds already (a second load, or a batch that locked its customers at once, {@link #lockAll})
 * takes only the process lock.
 */
@Component
public class CustomerLocks implements LockFactory {

    /** The first key of every customer's advisory lock ("JC"), apart from any other advisory lock of the database. */
    public static final int LOCK_CLASS = 0x4A43;
    /** PostgreSQL's SQLState for a statement cancelled by {@code statement_timeout}. */
    private static final String STATEMENT_CANCELLED = "57014";
    /** PostgreSQL's SQLState for a lock not granted within {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private static final String STORED_VERSION = CustomerLocks.class.getName() + ".storedVersion.";

    private final LockFactory inProcess = PessimisticLockFactory.usingDefaults();
    private final DataSource dataSource;
    /** How long a write waits for the customer: the write timeout ({@code 0}, the bound switched off, waits on). */
    private final Duration wait;

    CustomerLocks(DataSource dataSource, EventStoreSettings settings) {
        this.dataSource = dataSource;
        this.wait = settings.writeTimeout();
    }

    /** Which thread of this process holds each customer's process lock now, and how often (the lock is re-entrant). */
    private final Map<String, Holder> holders = new ConcurrentHashMap<>();
    /** On a thread recording a group of commands ({@link GroupCommit}): how long it waits for a customer's lock. */
    private static final ThreadLocal<Duration> GROUP_WAIT = new ThreadLocal<>();

    private record Holder(Thread thread, int count) {
    }

    @Override
    public Lock obtainLock(String customer) {
        Lock lock = inProcess(customer);
        if (TransactionSynchronizationManager.isActualTransactionActive() && storedVersion(customer) == null) {
            try {
                lockForTransaction(customer);
            } catch (RuntimeException | Error e) {
                lock.release();
                throw e;
            }
        }
        return lock;
    }

    /**
     * Takes the locks of all these customers for the rest of the current unit of work's transaction at once, as an
     * import batch does before it runs its lines: the process locks one by one in a fixed order (held until the unit
     * of work cleans up; re-entrant, so each customer's load takes its own again), then in one round trip every
     * customer's advisory lock, in the order of their keys (two batches never wait on each other in a circle), and
     * their versions as stored. The wait for all of them together is bounded by the write timeout (a timeout answers
     * 503 {@code write-timed-out}, nothing recorded). A customer's load in the same transaction then takes only its
     * process lock.
     */
    public void lockAll(Collection<String> customers) {
        if (!CurrentUnitOfWork.isStarted() || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<String> pending = customers.stream().distinct().sorted()
                .filter(customer -> root.getResource(STORED_VERSION + customer) == null).toList();
        if (pending.isEmpty()) {
            return;
        }
        for (String customer : pending) {
            Lock lock = inProcess(customer);
            root.onCleanup(unitOfWork -> lock.release());
        }
        Integer[] keys = pending.stream().map(CustomerLocks::key).distinct().sorted().toArray(Integer[]::new);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement lock = connection.prepareStatement("""
                SET LOCAL statement_timeout = %d;
                SELECT count(pg_advisory_xact_lock(%d, key)) FROM unnest(?::int[]) AS key;
                SET LOCAL statement_timeout = DEFAULT;
                SELECT aggregate_identifier, max(sequence_number) FROM domain_event_entry
                 WHERE aggregate_identifier = ANY (?) GROUP BY aggregate_identifier"""
                .formatted(Math.max(1, wait.toMillis() * 9 / 10), LOCK_CLASS))) {
            lock.setArray(1, connection.createArrayOf("int4", keys));
            lock.setArray(2, connection.createArrayOf("varchar", pending.toArray()));
            lock.execute();
            for (int statement = 0; statement < 3; statement++) {
                if (!lock.getMoreResults() && lock.getUpdateCount() == -1) {
                    throw new IllegalStateException("The customers' locks answered fewer results than they asked");
                }
            }
            Map<String, Long> stored = new HashMap<>();
            try (ResultSet versions = lock.getResultSet()) {
                while (versions.next()) {
                    stored.put(versions.getString(1), versions.getLong(2));
                }
            }
            for (String customer : pending) {
                root.resources().put(STORED_VERSION + customer, stored.getOrDefault(customer, -1L));
            }
        } catch (SQLException e) {
            if (STATEMENT_CANCELLED.equals(e.getSQLState())) {
                throw new EventWriteTimedOut("Other writes held %d customers longer than the write timeout (%s); "
                        .formatted(pending.size(), wait) + "nothing was recorded", e);
            }
            throw new IllegalStateException("Could not lock " + pending.size() + " customers for the write", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The customer's process lock, noting which thread holds it ({@link #heldByAnotherThread}). */
    private Lock inProcess(String customer) {
        Lock lock = inProcess.obtainLock(customer);
        Thread current = Thread.currentThread();
        holders.compute(customer, (key, holder) -> new Holder(current, holder == null ? 1 : holder.count() + 1));
        return new Lock() {
            @Override
            public void release() {
                holders.computeIfPresent(customer, (key, holder) -> holder.count() == 1 ? null
                        : new Holder(holder.thread(), holder.count() - 1));
                lock.release();
            }

            @Override
            public boolean isHeld() {
                return lock.isHeld();
            }
        };
    }

    /** Whether another thread of this process holds the customer now (an import batch, a deadline, a command). */
    boolean heldByAnotherThread(String customer) {
        Holder holder = holders.get(customer);
        return holder != null && holder.thread() != Thread.currentThread();
    }

    /**
     * Runs a command of a group ({@link GroupCommit}) waiting at most {@code wait} for its customer's database lock;
     * a customer held longer by another process is {@link CustomerBusy}, so that the group need not wait for it.
     */
    static <T> T waitingAtMost(Duration wait, Supplier<T> command) {
        GROUP_WAIT.set(wait);
        try {
            return command.get();
        } finally {
            GROUP_WAIT.remove();
        }
    }

    /** A customer whose database lock another process held past a group's short wait: nothing was recorded. */
    static final class CustomerBusy extends EventWriteTimedOut {
        CustomerBusy(String customer, Throwable cause) {
            super("Customer %s is held by another writer".formatted(customer), cause);
        }
    }

    /** The key of a customer's lock within {@link #LOCK_CLASS}: the same in every process. */
    public static int key(String customer) {
        return customer.hashCode();
    }

    /**
     * The customer's version as stored when this unit of work took its lock: the sequence number of its last event,
     * {@code -1} if it has none; null if no lock was taken in a transaction (then nothing is known of the store).
     */
    public Long storedVersion(String customer) {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().<Long>getResource(STORED_VERSION + customer) : null;
    }

    /**
     * Locks the customer for a command about to run in the current unit of work's transaction, in one round trip
     * with what the command needs to read: the process lock first (held until the unit of work ends), then one trip
     * that runs {@code trip}'s statements (an {@code Idempotency-Key}'s claim), the customer's database lock if
     * {@code condition} holds (SQL, evaluated after those statements; null: always), the customer's version as stored,
     * and what {@code underLock} adds (the ids the command names), which sees every commit before the lock. A customer
     * this transaction has locked already is not locked again, and its trip carries only the other statements.
     *
     * @return whether this unit of work holds the customer's database lock now (false if {@code condition} was false,
     * or outside a transaction, where only {@code trip}'s and {@code underLock}'s statements run)
     */
    public boolean lockForCommand(String customer, RoundTrip trip, String condition, Object[] conditionParameters,
                                  Consumer<RoundTrip> underLock) {
        if (!CurrentUnitOfWork.isStarted() || !TransactionSynchronizationManager.isActualTransactionActive()) {
            // No transaction (a test of the aggregate alone): nothing to lock in the database.
            underLock.accept(trip);
            if (!trip.isEmpty()) {
                run(trip, customer);
            }
            return false;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (storedVersion(customer) == null) {
            Lock lock = inProcess(customer);
            root.onCleanup(unitOfWork -> lock.release());
            return lockOnTrip(customer, trip, condition, conditionParameters, underLock);
        }
        underLock.accept(trip);
        if (!trip.isEmpty()) {
            run(trip, customer);
        }
        return true;
    }

    private void lockForTransaction(String customer) {
        lockOnTrip(customer, new RoundTrip(), null, new Object[0], trip -> {
        });
    }

    /**
     * One round trip: {@code trip}'s statements, the lock (if {@code condition}), then, in a statement of its own
     * (which sees every commit before the lock was granted), the customer's version as stored, then {@code underLock}'s
     * statements. The wait is bounded by lock_timeout, not by the driver's query timeout: that one cancels through a
     * second connection, which a frozen server never answers, and would double the time to a 503.
     */
    private boolean lockOnTrip(String customer, RoundTrip trip, String condition, Object[] conditionParameters,
                               Consumer<RoundTrip> underLock) {
        Duration groupWait = GROUP_WAIT.get();
        boolean[] locked = new boolean[1];
        long[] version = new long[1];
        trip.statement("SET LOCAL lock_timeout = %d".formatted(groupWait != null ? groupWait.toMillis() : wait.toMillis()),
                        null)
                .statement("SELECT pg_advisory_xact_lock(?, ?)" + (condition == null ? "" : " WHERE " + condition),
                        rows -> locked[0] = rows.next(), lockParameters(customer, conditionParameters))
                .statement("SET LOCAL lock_timeout = DEFAULT", null)
                .statement("SELECT coalesce(max(sequence_number), -1) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        rows -> {
                            rows.next();
                            version[0] = rows.getLong(1);
                        }, customer);
        underLock.accept(trip);
        run(trip, customer);
        if (locked[0] && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().put(STORED_VERSION + customer, version[0]);
        }
        return locked[0];
    }

    /**
     * The lock's key and the condition's parameters: the trip's text is then the same for every customer, so that the
     * driver parses it once and PostgreSQL can keep its plan.
     */
    private static Object[] lockParameters(String customer, Object[] conditionParameters) {
        Object[] parameters = new Object[conditionParameters.length + 2];
        parameters[0] = LOCK_CLASS;
        parameters[1] = key(customer);
        System.arraycopy(conditionParameters, 0, parameters, 2, conditionParameters.length);
        return parameters;
    }

    private void run(RoundTrip trip, String customer) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            trip.run(connection);
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState()) && GROUP_WAIT.get() != null) {
                throw new CustomerBusy(customer, e);
            }
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new EventWriteTimedOut("Other writes held customer %s longer than the write timeout (%s); "
                        .formatted(customer, wait) + "nothing was recorded", e);
            }
            throw new IllegalStateException("Could not lock customer " + customer + " for the write", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
