package io.cxengine.journey.command.recording;

import io.cxengine.journey.platform.EventStoreSettings;
import io.cxengine.journey.platform.EventWriteTimedOut;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

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
 * it keeps in memory is the customer as stored ({@link VersionCheckedRepository}).
 */
@Component
public class CustomerLocks implements LockFactory {

    /** The first key of every customer's advisory lock ("JC"), apart from any other advisory lock of the database. */
    public static final int LOCK_CLASS = 0x4A43;
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

    @Override
    public Lock obtainLock(String customer) {
        Lock lock = inProcess.obtainLock(customer);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            try {
                lockForTransaction(customer);
            } catch (RuntimeException | Error e) {
                lock.release();
                throw e;
            }
        }
        return lock;
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

    private void lockForTransaction(String customer) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        // One round trip: the lock, then (in a statement of its own, which sees every commit before the lock was
        // granted) the customer's version as stored. The wait is bounded by lock_timeout, not by the driver's query
        // timeout: that one cancels through a second connection, which a frozen server never answers, and would
        // double the time to a 503.
        try (PreparedStatement lock = connection.prepareStatement("""
                SET LOCAL lock_timeout = %d; SELECT pg_advisory_xact_lock(%d, %d); SET LOCAL lock_timeout = DEFAULT;
                SELECT coalesce(max(sequence_number), -1) FROM domain_event_entry WHERE aggregate_identifier = ?"""
                .formatted(wait.toMillis(), LOCK_CLASS, key(customer)))) {
            lock.setString(1, customer);
            boolean resultSet = lock.execute();
            int statement = 0;
            while (statement < 3) {
                resultSet = lock.getMoreResults();
                statement++;
                if (!resultSet && lock.getUpdateCount() == -1) {
                    throw new IllegalStateException("The customer lock answered fewer results than it asked");
                }
            }
            try (ResultSet version = lock.getResultSet()) {
                version.next();
                if (CurrentUnitOfWork.isStarted()) {
                    CurrentUnitOfWork.get().root().resources().put(STORED_VERSION + customer, version.getLong(1));
                }
            }
        } catch (SQLException e) {
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
