package io.cxengine.journey.platform.personaldata;

import io.cxengine.journey.platform.keys.DataKeyWrapping;
import io.cxengine.journey.platform.keys.DataKeyWrapping.Wrapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.cxengine.journey.platform.SqlTime.utc;

/**
 * The keys in {@code personal_data_key}, wrapped by the key-encryption key, written in the transaction of the event
 * that first needs one. Read keys are cached for a short while; an erasure on another instance is honoured here once
 * the cache entry expires.
 */
class JdbcPersonalDataKeys implements PersonalDataKeys {

    static final Duration CACHE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(JdbcPersonalDataKeys.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final DataKeyWrapping wrapping;
    private final Clock clock;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    JdbcPersonalDataKeys(JdbcClient jdbc, DataKeyWrapping wrapping, Clock clock) {
        this.jdbc = jdbc;
        this.wrapping = wrapping;
        this.clock = clock;
    }

    private record Cached(Optional<DataKey> key, Instant until) {
    }

    /** One row as stored: a key in clear (from before V4, until start-up wraps it), or a wrapped one, or neither. */
    private record Stored(UUID customer, byte[] secret, Wrapped wrapped) {
    }

    @Override
    public DataKey keyFor(UUID customer) {
        Optional<DataKey> known = existing(customer);
        if (known.isPresent()) {
            return known.get();
        }
        Wrapped wrapped = wrapping.wrap(customer, PersonalDataKeys.newKey().getEncoded());
        jdbc.sql("""
                        INSERT INTO personal_data_key (customer_id, wrapped_key, kek_id, created_at)
                        VALUES (:customer, :wrapped, :kek, :now)
                        ON CONFLICT (customer_id) DO UPDATE
                           SET wrapped_key = EXCLUDED.wrapped_key, kek_id = EXCLUDED.kek_id, created_at = EXCLUDED.created_at
                         WHERE personal_data_key.wrapped_key IS NULL AND personal_data_key.secret IS NULL""")
                .param("customer", customer).param("wrapped", wrapped.bytes()).param("kek", wrapped.kekId())
                .param("now", utc(clock.instant()))
                .update();
        cache.remove(customer);
        return existing(customer).orElseThrow(); // Another writer's key, if it was first.
    }

    @Override
    public Optional<DataKey> existing(UUID customer) {
        Instant now = clock.instant();
        Cached cached = cache.get(customer);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.key();
        }
        Optional<DataKey> key = jdbc.sql("""
                        SELECT customer_id, secret, wrapped_key, kek_id FROM personal_data_key
                         WHERE customer_id = :customer""")
                .param("customer", customer)
                .query(JdbcPersonalDataKeys::stored)
                .optional().flatMap(this::dataKey).map(PersonalDataKeys::key).map(DataKey::of);
        if (key.isPresent()) {
            cache.put(customer, new Cached(key, now.plus(CACHE)));
        }
        return key;
    }

    @Override
    public void destroy(UUID customer) {
        jdbc.sql("""
                        UPDATE personal_data_key SET secret = NULL, wrapped_key = NULL, kek_id = NULL, erased_at = :now
                         WHERE customer_id = :customer""")
                .param("customer", customer).param("now", utc(clock.instant()))
                .update();
        cache.remove(customer);
    }

    /**
     * Wraps every key still stored in clear and rewraps every key wrapped by the previous key-encryption key, each
     * with the current one; returns how many it changed. Each row changes only if it still holds what was read, so
     * several instances starting at once, or an erasure meanwhile, change nothing twice and resurrect nothing.
     * Refuses to finish while keys are wrapped by a key-encryption key this engine does not have.
     */
    int wrapStoredKeys() {
        int changed = 0;
        int unknown = 0;
        UUID after = null;
        for (List<Stored> batch = toWrap(after); !batch.isEmpty(); batch = toWrap(after)) {
            for (Stored row : batch) {
                after = row.customer();
                if (row.wrapped() != null && !wrapping.knows(row.wrapped().kekId())) {
                    unknown++;
                } else {
                    changed += rewrap(row, wrapping.wrap(row.customer(), dataKey(row).orElseThrow()));
                }
            }
        }
        if (changed > 0) {
            log.info("Wrapped {} personal data keys with key-encryption key {}", changed, wrapping.currentKekId());
        }
        if (unknown > 0) {
            throw new IllegalStateException(unknown + " personal data keys are wrapped by a key-encryption key this "
                    + "engine does not have: set journey.keys.kek to the right key, or, during a rotation, the old "
                    + "one as journey.keys.previous-kek (see docs/security.md)");
        }
        return changed;
    }

    // Keyset pages ordered by customer id: a row this engine cannot rewrap is passed over, never read again.
    private List<Stored> toWrap(UUID after) {
        return jdbc.sql("""
                        SELECT customer_id, secret, wrapped_key, kek_id FROM personal_data_key
                         WHERE (:first OR customer_id > :after) AND (secret IS NOT NULL OR kek_id <> :current)
                         ORDER BY customer_id LIMIT :batch""")
                .param("first", after == null).param("after", after != null ? after : new UUID(0, 0))
                .param("current", wrapping.currentKekId()).param("batch", BATCH)
                .query(JdbcPersonalDataKeys::stored).list();
    }

    private int rewrap(Stored row, Wrapped wrapped) {
        var update = row.secret() != null
                ? jdbc.sql("""
                        UPDATE personal_data_key SET wrapped_key = :wrapped, kek_id = :kek, secret = NULL
                         WHERE customer_id = :customer AND secret = :was""").param("was", row.secret())
                : jdbc.sql("""
                        UPDATE personal_data_key SET wrapped_key = :wrapped, kek_id = :kek
                         WHERE customer_id = :customer AND kek_id = :was""").param("was", row.wrapped().kekId());
        return update.param("customer", row.customer()).param("wrapped", wrapped.bytes())
                .param("kek", wrapped.kekId()).update();
    }

    private Optional<byte[]> dataKey(Stored row) {
        if (row.wrapped() != null) {
            return Optional.of(wrapping.unwrap(row.customer(), row.wrapped()));
        }
        return Optional.ofNullable(row.secret()); // In clear until start-up wraps it (or an older engine wrote it).
    }

    private static Stored stored(java.sql.ResultSet row, int number) throws java.sql.SQLException {
        byte[] wrapped = row.getBytes("wrapped_key");
        return new Stored(row.getObject("customer_id", UUID.class), row.getBytes("secret"),
                wrapped == null ? null : new Wrapped(row.getString("kek_id"), wrapped));
    }
}
