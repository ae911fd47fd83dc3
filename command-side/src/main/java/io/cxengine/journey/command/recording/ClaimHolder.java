package io.cxengine.journey.command.recording;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This engine process as the holder of idempotency claims: a random id, and a session-level PostgreSQL advisory lock
 * on that id held on a connection of its own for as long as the process lives. When the process dies (a
 * {@code kill -9}, the OOM killer, a lost machine), PostgreSQL ends its session and the lock is free: a claim naming a
 * holder whose lock is free was abandoned, and the next request with the key takes it over at once, instead of waiting
 * for the in-flight timeout.
 * <p>
 * Taking a claim over early is always safe for the record: the first request can only mark its key recorded under its
 * own claim, in the transaction of its events ({@link IdempotencyRecords#recorded}), so if it were still alive after
 * all (its lock connection broken while it was not), its events roll back. If the lock connection breaks (the
 * database restarts), it is taken again within seconds.
 * <p>
 * Of its own claims, the process knows which requests still run: a claim of this process that no running request holds
 * was left behind by a request whose release failed (the database was gone when it ended), and is taken over at once
 * too.
 */
@Component
public class ClaimHolder implements SmartLifecycle {

    /** The first key of every holder's advisory lock ("JE"), apart from any other advisory lock of the database. */
    static final int LOCK_CLASS = 0x4A45;
    private static final Logger log = LoggerFactory.getLogger(ClaimHolder.class);

    private final DataSource dataSource;
    private final int id = new SecureRandom().nextInt(Integer.MAX_VALUE);
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "claim-holder");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private volatile Connection session;
    private volatile boolean running;

    ClaimHolder(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The id claims of this process carry ({@code idempotency_record.claimed_by}). */
    public int id() {
        return id;
    }

    /** A request of this process holds this claim from now on. */
    void holding(String claimId) {
        held.add(claimId);
    }

    /** The request that held this claim has ended, whether or not its answer or release reached the database. */
    void letGo(String claimId) {
        held.remove(claimId);
    }

    /** Whether a running request of this process holds this claim. */
    boolean holds(String claimId) {
        return held.contains(claimId);
    }

    @Override
    public void start() {
        running = true;
        watch.scheduleWithFixedDelay(this::hold, 0, 2, TimeUnit.SECONDS);
    }

    /** Takes the lock if this process does not hold it (at start, after its connection broke). */
    private synchronized void hold() {
        try {
            if (session != null && session.isValid(2)) {
                return;
            }
            closeSession();
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                lock.setInt(1, LOCK_CLASS);
                lock.setInt(2, id);
                try (ResultSet taken = lock.executeQuery()) {
                    taken.next();
                    if (!taken.getBoolean(1)) {
                        connection.close();
                        log.warn("Another session holds the claim lock {}; claims of this process wait for the "
                                + "in-flight timeout", id);
                        return;
                    }
                }
            }
            session = connection;
        } catch (SQLException | RuntimeException unavailable) {
            closeSession();
            log.debug("Could not take the claim lock {} (the database is unavailable?): {}", id, unavailable.toString());
        }
    }

    private void closeSession() {
        Connection old = session;
        session = null;
        if (old != null) {
            try {
                old.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        watch.shutdownNow();
        closeSession();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server and the processors start, after they stop: the lock outlives every request. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
