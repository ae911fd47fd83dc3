package io.cxengine.journey.command.idempotency;

import io.cxengine.journey.platform.eventstore.RoundTrip;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Supplier;

import static io.cxengine.journey.platform.SqlTime.utc;

/**
 * The SQL of {@code idempotency_record}: what a client's {@code Idempotency-Key} did. Everything happens in the
 * transaction that appends the command's events, so facts, key and answer commit together, in one durable commit:
 * <ol>
 * <li>{@link #claim} takes the key's advisory lock for that transaction (a second request with the key, in any engine
 *     process, finds it taken: 409 in flight) and then reads what the key did before;</li>
 * <li>{@link #answered} stores the answer, once the events are appended.</li>
 * </ol>
 * A request that is refused, fails or dies rolls back and leaves no trace of its key; the lock ends with its
 * transaction, also when its process is killed (PostgreSQL ends the session). A row is only ever committed answered.
 */
@Repository
public class IdempotencyRecords {

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    IdempotencyRecords(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** What a stored key says about a request that carries it again. */
    public sealed interface Claim {
        /** The key is new: run the command; this transaction holds the key until it ends. */
        record Granted() implements Claim {
        }

        /** The key was used with another request. */
        record UsedForAnotherRequest() implements Claim {
        }

        /** Another transaction holds the key: the first request with it is still running. */
        record InFlight() implements Claim {
        }

        /**
         * The first request recorded its facts and this is its answer; a key recorded by an engine of before answers
         * were stored with the facts may have none ({@code answer} null): answer from its receipt.
         */
        record Answered(Answer answer, String customerId, Long version) implements Claim {
        }
    }

    /**
     * Claims the key for the current transaction (it must run in one: the lock and the answer belong to it). One round
     * trip: the lock first, then, in a statement of its own that sees everything committed until the lock was taken,
     * the key's record.
     */
    public Claim claim(String client, String key, String requestHash) {
        RoundTrip trip = new RoundTrip();
        ClaimOnTrip claim = claimOn(trip, client, key, requestHash);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            trip.run(connection);
            return claim.claim();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim Idempotency-Key " + key, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * The claim of a key as the first part of a larger round trip (a command's, which then locks its customer and
     * reads what it needs in the same trip).
     *
     * @param outcome     what the key says, once the trip has run
     * @param unused      a condition for a later statement of the same trip: true only if this transaction holds the key
     *                    and the key recorded nothing (the command is to run); its parameters are {@code parameters}
     * @param parameters  the parameters of {@code unused}
     */
    public record ClaimOnTrip(Supplier<Claim> outcome, String unused, Object... parameters) {
        /** What the key says; the trip must have run. */
        public Claim claim() {
            return outcome.get();
        }
    }

    /** Adds the key's claim to the trip: its lock, then its record, in two statements (see {@link #claim}). */
    public ClaimOnTrip claimOn(RoundTrip trip, String client, String key, String requestHash) {
        long lock = lockKey(client, key);
        boolean[] held = new boolean[1];
        Claim[] claim = new Claim[1];
        trip.statement("SELECT pg_try_advisory_xact_lock(?)", rows -> {
            rows.next();
            held[0] = rows.getBoolean(1);
        }, lock);
        trip.statement("""
                SELECT request_hash, state, response_status, response_headers::text, response_body, customer_id, version
                  FROM idempotency_record WHERE client_id = ? AND idempotency_key = ?""",
                stored -> claim[0] = claimOf(held[0], stored, requestHash), client, key);
        return new ClaimOnTrip(() -> {
            if (claim[0] == null) {
                throw new IllegalStateException("The claim of Idempotency-Key %s has not run yet".formatted(key));
            }
            return claim[0];
        }, """
                pg_try_advisory_xact_lock(?)
                AND NOT EXISTS (SELECT 1 FROM idempotency_record WHERE client_id = ? AND idempotency_key = ?)""",
                lock, client, key);
    }

    private static Claim claimOf(boolean held, ResultSet stored, String requestHash) throws SQLException {
        if (!stored.next()) {
            return held ? new Claim.Granted() : new Claim.InFlight();
        }
        if (!stored.getString(1).equals(requestHash)) {
            return new Claim.UsedForAnotherRequest();
        }
        String state = stored.getString(2);
        Long version = (Long) stored.getObject(7);
        if ("ANSWERED".equals(state)) {
            return new Claim.Answered(new Answer(stored.getInt(3), ResponseHeaders.parse(stored.getString(4)),
                    stored.getString(5)), stored.getString(6), version);
        }
        // RECORDED: written by an engine of before answers were stored with the facts, which died answering.
        return new Claim.Answered(null, stored.getString(6), version);
    }

    /**
     * Stores the answer of the request that holds the key ({@link #claim}), in its transaction, after its events.
     * The claim proved the key unrecorded and this transaction holds it, so the insert meets no row.
     */
    public void answered(String client, String key, String requestHash, String customerId, long version,
                         Answer answer, Instant now) {
        jdbc.sql("""
                        INSERT INTO idempotency_record
                               (client_id, idempotency_key, request_hash, state, claimed_at, customer_id, version,
                                response_status, response_headers, response_body, answered_at)
                        VALUES (:client, :key, :hash, 'ANSWERED', :now, :customer, :version,
                                :status, CAST(:headers AS JSONB), :body, :now)
                        """)
                .param("client", client).param("key", key).param("hash", requestHash).param("now", utc(now))
                .param("customer", customerId).param("version", version).param("status", answer.status())
                .param("headers", ResponseHeaders.format(answer.headers())).param("body", answer.body())
                .update();
    }

    /**
     * Records that the write holding the key ({@link #claim}) recorded its facts up to {@code version}, without an
     * answer of its own (an import's line): a request with the key is answered that receipt again (200, its version
     * and position), recording nothing.
     */
    public void recorded(String client, String key, String requestHash, String customerId, long version, Instant now) {
        jdbc.sql("""
                        INSERT INTO idempotency_record
                               (client_id, idempotency_key, request_hash, state, claimed_at, customer_id, version)
                        VALUES (:client, :key, :hash, 'RECORDED', :now, :customer, :version)
                        """)
                .param("client", client).param("key", key).param("hash", requestHash).param("now", utc(now))
                .param("customer", customerId).param("version", version)
                .update();
    }

    /** Forgets keys answered before the retention period; returns how many. */
    public int expire(Instant answeredBefore) {
        return jdbc.sql("DELETE FROM idempotency_record WHERE claimed_at < :before")
                .param("before", utc(answeredBefore))
                .update();
    }

    /**
     * The key's advisory lock: 64 bits of the SHA-256 of client and key. A single-{@code bigint} advisory lock never
     * meets the two-{@code int} locks of customers; two keys sharing a lock (one in 2^64) would
     * only see each other in flight.
     */
    static long lockKey(String client, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(client.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
