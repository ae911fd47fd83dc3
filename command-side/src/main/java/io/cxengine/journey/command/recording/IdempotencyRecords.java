package io.cxengine.journey.command.recording;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of {@code idempotency_record}: what a client's {@code Idempotency-Key} did. A key is claimed before its
 * command runs (in a transaction of its own, so a concurrent request with the same key sees it in flight), marked
 * recorded in the very transaction that appends the command's events, and answered with the response once it is sent.
 */
@Repository
public class IdempotencyRecords {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final ClaimHolder holder;

    IdempotencyRecords(JdbcClient jdbc, PlatformTransactionManager transactions, ClaimHolder holder) {
        this.jdbc = jdbc;
        this.holder = holder;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** What a stored key says about a request that carries it again. */
    public sealed interface Claim {
        /** The key is new (or its earlier holder was abandoned): run the command under this claim. */
        record Granted(String claimId) implements Claim {
        }

        /** The key was used with another request. */
        record UsedForAnotherRequest() implements Claim {
        }

        /** The first request with this key is still running. */
        record InFlight() implements Claim {
        }

        /** The first request recorded its facts; this is what it answered (or, if it could not answer, its receipt). */
        record Answered(int status, Map<String, String> headers, String body, String customerId, Long version)
                implements Claim {
        }
    }

    /**
     * Claims the key for this request, unless it is known. An earlier claim is taken over if it is older than the
     * timeout, or at once if the request that made it has ended without finishing it ({@link ClaimHolder}).
     */
    public Claim claim(String client, String key, String requestHash, Instant now, Instant abandonedBefore) {
        String claimId = UUID.randomUUID().toString();
        holder.holding(claimId); // before it commits: no request of this process may take it for abandoned
        Claim claim = null;
        try {
            claim = tryClaim(client, key, requestHash, now, abandonedBefore, claimId);
            return claim;
        } finally {
            if (!(claim instanceof Claim.Granted)) {
                holder.letGo(claimId);
            }
        }
    }

    private Claim tryClaim(String client, String key, String requestHash, Instant now, Instant abandonedBefore,
                           String claimId) {
        return ownTransaction.execute(status -> {
            int claimed = jdbc.sql("""
                            INSERT INTO idempotency_record
                                   (client_id, idempotency_key, request_hash, state, claim_id, claimed_at, claimed_by)
                            VALUES (:client, :key, :hash, 'IN_FLIGHT', :claim, :now, :holder)
                            ON CONFLICT (client_id, idempotency_key) DO NOTHING
                            """)
                    .param("client", client).param("key", key).param("hash", requestHash)
                    .param("claim", claimId).param("now", utc(now)).param("holder", holder.id())
                    .update();
            if (claimed == 1) {
                return new Claim.Granted(claimId);
            }
            Stored stored = find(client, key).orElseThrow();
            if (!stored.requestHash().equals(requestHash)) {
                return new Claim.UsedForAnotherRequest();
            }
            if ("ANSWERED".equals(stored.state())) {
                return new Claim.Answered(stored.status(), stored.headers(), stored.body(), stored.customerId(),
                        stored.version());
            }
            boolean abandoned = stored.claimedAt().isBefore(abandonedBefore) || holderLetGo(stored);
            if ("RECORDED".equals(stored.state())) {
                // Facts recorded, answer not yet stored: the first request is answering now, unless it died doing so.
                return abandoned
                        ? new Claim.Answered(200, Map.of(), null, stored.customerId(), stored.version())
                        : new Claim.InFlight();
            }
            if (!abandoned) {
                return new Claim.InFlight();
            }
            int takenOver = jdbc.sql("""
                            UPDATE idempotency_record SET claimed_at = :now, claim_id = :claim, claimed_by = :holder
                             WHERE client_id = :client AND idempotency_key = :key AND state = 'IN_FLIGHT'
                               AND claim_id = :abandoned
                            """)
                    .param("client", client).param("key", key).param("now", utc(now))
                    .param("claim", claimId).param("abandoned", stored.claimId()).param("holder", holder.id())
                    .update();
            return takenOver == 1 ? new Claim.Granted(claimId) : new Claim.InFlight();
        });
    }

    /**
     * Whether the request that made a claim has ended without finishing it: a request of this process that no longer
     * runs, or any request of a process that is gone (its advisory lock is free; taken here for this transaction only).
     * Claims from before holders were named are judged by the timeout alone.
     */
    private boolean holderLetGo(Stored stored) {
        Integer claimedBy = stored.claimedBy();
        if (claimedBy == null) {
            return false;
        }
        if (claimedBy == holder.id()) {
            return !holder.holds(stored.claimId());
        }
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(:lockClass, :holder)")
                .param("lockClass", ClaimHolder.LOCK_CLASS).param("holder", claimedBy)
                .query(Boolean.class).single());
    }

    /**
     * Marks the key as having recorded its facts, the customer at this version, and returns the global position of the
     * customer's event at that version, read in the same statement (the receipt costs no round trip of its own). Runs
     * inside the command's transaction, so the key and the events commit together or not at all; refuses if the claim
     * was lost meanwhile.
     */
    long recorded(String client, String key, String claimId, String customerId, long version) {
        List<Long> position = jdbc.sql("""
                        UPDATE idempotency_record SET state = 'RECORDED', customer_id = :customer, version = :version
                         WHERE client_id = :client AND idempotency_key = :key AND claim_id = :claim
                           AND state = 'IN_FLIGHT'
                        RETURNING (SELECT global_index FROM domain_event_entry
                                    WHERE aggregate_identifier = :customer AND sequence_number = :version)
                        """)
                .param("client", client).param("key", key).param("claim", claimId)
                .param("customer", customerId)
                .param("version", version)
                .query((row, number) -> row.getLong(1))
                .list();
        if (position.size() != 1) {
            throw new IdempotencyKeyInFlight(key);
        }
        return position.get(0);
    }

    /** Stores the response that the first request got, to replay it. */
    public void answered(String client, String key, String claimId, int status, String headersJson, String body,
                         Instant now) {
        try {
            answer(client, key, claimId, status, headersJson, body, now);
        } finally {
            holder.letGo(claimId);
        }
    }

    private void answer(String client, String key, String claimId, int status, String headersJson, String body,
                        Instant now) {
        ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                        UPDATE idempotency_record
                           SET state = 'ANSWERED', response_status = :status, response_headers = CAST(:headers AS JSONB),
                               response_body = :body, answered_at = :now
                         WHERE client_id = :client AND idempotency_key = :key AND claim_id = :claim
                           AND state IN ('IN_FLIGHT', 'RECORDED')
                        """)
                .param("client", client).param("key", key).param("claim", claimId).param("status", status)
                .param("headers", headersJson).param("body", body).param("now", utc(now))
                .update());
    }

    /** Releases a key whose request recorded nothing (it was refused), so the client may use it again. */
    public void release(String client, String key, String claimId) {
        try {
            releaseClaim(client, key, claimId);
        } finally {
            holder.letGo(claimId);
        }
    }

    private void releaseClaim(String client, String key, String claimId) {
        ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                        DELETE FROM idempotency_record
                         WHERE client_id = :client AND idempotency_key = :key AND claim_id = :claim
                           AND state = 'IN_FLIGHT'
                        """)
                .param("client", client).param("key", key).param("claim", claimId)
                .update());
    }

    /** Forgets keys answered before the retention period; returns how many. */
    public int expire(Instant answeredBefore) {
        return jdbc.sql("DELETE FROM idempotency_record WHERE claimed_at < :before AND state <> 'IN_FLIGHT'")
                .param("before", utc(answeredBefore))
                .update();
    }

    private Optional<Stored> find(String client, String key) {
        return jdbc.sql("""
                        SELECT request_hash, state, claim_id, response_status, response_headers::text AS headers, response_body,
                               customer_id, version, claimed_at, claimed_by
                          FROM idempotency_record WHERE client_id = :client AND idempotency_key = :key
                        """)
                .param("client", client).param("key", key)
                .query((row, number) -> new Stored(row.getString("request_hash"), row.getString("state"),
                        row.getString("claim_id"),
                        (Integer) row.getObject("response_status"), ResponseHeaders.parse(row.getString("headers")),
                        row.getString("response_body"), row.getString("customer_id"),
                        (Long) row.getObject("version"), row.getObject("claimed_at", OffsetDateTime.class).toInstant(),
                        (Integer) row.getObject("claimed_by")))
                .optional();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Stored(String requestHash, String state, String claimId, Integer status, Map<String, String> headers, String body,
                          String customerId, Long version, Instant claimedAt, Integer claimedBy) {
    }
}
