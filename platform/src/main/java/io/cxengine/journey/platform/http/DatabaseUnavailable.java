package io.cxengine.journey.platform.http;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Whether a failure means that the database did not answer: stopped, restarting, out of reach, frozen past the
 * driver's socket timeout, or every pooled connection taken for longer than the pool waits. Such a request is answered
 * {@code 503} with {@code Retry-After}, never {@code 500}: nothing is wrong with it, and a retry with the same
 * {@code Idempotency-Key} records it exactly once whether or not the first attempt's commit reached the disk.
 * <p>
 * It looks through the causes, since Axon and Spring wrap what the driver throws (a {@code CommandExecutionException},
 * an {@code EventStoreException} or a {@code TransactionSystemException} around a {@code PSQLException}).
 */
public final class DatabaseUnavailable {

    /** The problem type's last segment, under {@link ProblemAdviceSupport#PROBLEM_BASE}. */
    public static final String PROBLEM_TYPE = "database-unavailable";
    /** Seconds a client should wait before retrying: about the time PostgreSQL takes to restart and recover. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public static final String TITLE = "Database unavailable";
    public static final String DETAIL = ("The engine's database did not answer in time. Retry after %d seconds; a "
            + "write retried with the same Idempotency-Key is recorded exactly once, whether or not this attempt reached "
            + "the database.").formatted(RETRY_AFTER_SECONDS);

    private DatabaseUnavailable() {
    }

    /** The problem every request gets that the database did not answer; sent with {@code Retry-After}. */
    public static ProblemDetail problem() {
        ProblemDetail problem = ProblemAdviceSupport.problem(HttpStatus.SERVICE_UNAVAILABLE, PROBLEM_TYPE, TITLE, DETAIL);
        problem.setProperty("retryAfterSeconds", RETRY_AFTER_SECONDS);
        return problem;
    }

    /** Whether this failure, or any of its causes, is the database not answering. */
    public static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isUnavailable(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailable(Throwable failure) {
        if (failure instanceof DataAccessResourceFailureException     // CannotGetJdbcConnectionException among them
                || failure instanceof TransientDataAccessResourceException
                || failure instanceof CannotCreateTransactionException
                || failure instanceof SQLTransientConnectionException     // the pool's wait for a connection ran out
                || failure instanceof SQLNonTransientConnectionException) {
            return true;
        }
        return failure instanceof SQLException sql
                && (unavailableState(sql.getSQLState()) || HIKARI_CLOSED.equals(sql.getMessage()));
    }

    /**
     * What HikariCP's proxy throws, without an SQLState, for a statement on a connection that broke earlier in the same
     * request (the driver closed it after an I/O error or its socket timeout, and Axon went on to its next statement).
     */
    private static final String HIKARI_CLOSED = "Connection is closed";

    /**
     * SQLState class 08 (connection exception: refused, broken, timed out) and the server's own "going away" states:
     * 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up or in recovery).
     */
    static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
