package io.cxengine.journey.query.http;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import javax.sql.DataSource;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;

/**
 * Where a read of the views is served, and read-your-writes wherever it is. Without a replica: from the primary, after
 * waiting for the position given ({@link ReadYourWrites}). With one ({@link ReplicaSettings}): from the replica, whose
 * copy of the views is a moment behind; a read given a {@code minPosition} is served by the replica only once the
 * replica's own copy of the projection's tokens has passed that position (they commit with the rows they describe, so
 * the rows read after them include the write), and by the primary if it has not within {@code max-wait}. A replica
 * that cannot answer (unreachable, shutting down, a broken connection) is passed over for the primary, for five seconds;
 * any other failure is the read's. The answer says where it came from ({@value #SOURCE_HEADER}) and whether the
 * position was reached ({@value #REACHED_HEADER}).
 */
@Component
public class ViewReads {

    public static final String SOURCE_HEADER = "X-Read-From";
    public static final String REACHED_HEADER = "X-Position-Reached";
    private static final Logger log = LoggerFactory.getLogger(ViewReads.class);
    private static final long PASS_OVER = 5_000_000_000L;

    private final ReadYourWrites positions;
    private final TokenPositions tokens;
    private final ReplicaRouting replica;
    private final ReplicaSettings settings;
    /** Since when the replica is passed over, after it could not answer (System.nanoTime). */
    private volatile long passedOverSince = System.nanoTime() - PASS_OVER;

    ViewReads(ReadYourWrites positions, TokenPositions tokens, DataSource dataSource, ReplicaSettings settings) {
        this.positions = positions;
        this.tokens = tokens;
        this.replica = dataSource instanceof ReplicaRouting routing ? routing : null;
        this.settings = settings;
    }

    /** A read with no position to wait for (the analysts' figures). */
    public <T> T read(Supplier<T> query) {
        Answer<T> answer = replica != null ? fromReplica(query, null) : null;
        return answer != null ? answer.value() : fromPrimary(query, null);
    }

    /** A read of the processing group's views that includes the event at {@code minPosition}, if one is given. */
    public <T> T read(String processingGroup, Long minPosition, Supplier<T> query) {
        if (minPosition == null) {
            return read(query);
        }
        if (minPosition < 0) {
            throw new InvalidReadRequest("minPosition", "must not be negative");
        }
        Answer<T> answer = replica != null && replicaPassed(processingGroup, minPosition)
                ? fromReplica(query, true) : null;
        return answer != null ? answer.value() : fromPrimary(query, positions.await(processingGroup, minPosition));
    }

    /** An answer (which may be null) from the replica. */
    private record Answer<T>(T value) {
    }

    /**
     * The replica's answer, or null when the replica cannot answer: then it is passed over for a few seconds, so that
     * a replica that is down costs one read a connection timeout, not every read.
     */
    private <T> Answer<T> fromReplica(Supplier<T> query, Boolean reached) {
        if (System.nanoTime() - passedOverSince < PASS_OVER) {
            return null;
        }
        try {
            T answer = replica.onReplica(query);
            answered("replica", reached);
            return new Answer<>(answer);
        } catch (RuntimeException failure) {
            if (!cannotAnswer(failure)) {
                throw failure;
            }
            passedOverSince = System.nanoTime();
            log.warn("The replica cannot answer; reading from the primary for {} s: {}", PASS_OVER / 1_000_000_000L,
                    failure.getMessage());
            return null;
        }
    }

    /**
     * Whether a failure is the replica's, not the read's: no connection, a transaction that could not begin on it, a
     * connection lost or a server shutting down, however the query bus wrapped it.
     */
    static boolean cannotAnswer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private <T> T fromPrimary(Supplier<T> query, Boolean reached) {
        T answer = query.get();
        answered("primary", reached);
        return answer;
    }

    /** Whether the replica's copy of the group's tokens passes the position within the wait. */
    private boolean replicaPassed(String processingGroup, long position) {
        if (System.nanoTime() - passedOverSince < PASS_OVER) {
            return false;
        }
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        try {
            while (!replica.onReplica(() -> tokens.passed(processingGroup, position))) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(5);
            }
            return true;
        } catch (RuntimeException failure) {
            if (!cannotAnswer(failure)) {
                throw failure;
            }
            passedOverSince = System.nanoTime();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void answered(String source, Boolean reached) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                && request.getResponse() != null) {
            HttpServletResponse response = request.getResponse();
            response.setHeader(SOURCE_HEADER, source);
            if (reached != null) {
                response.setHeader(REACHED_HEADER, String.valueOf(reached));
            }
        }
    }
}
