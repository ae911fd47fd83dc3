package io.cxengine.journey.platform;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys in {@code personal_data_key}, written in the transaction of the event that first needs one. Read keys are
 * cached for a short while; an erasure on another instance is honoured here once the cache entry expires.
 */
class JdbcPersonalDataKeys implements PersonalDataKeys {

    static final Duration CACHE = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    JdbcPersonalDataKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Cached(Optional<SecretKey> key, Instant until) {
    }

    @Override
    public SecretKey keyFor(UUID customer) {
        Optional<SecretKey> known = existing(customer);
        if (known.isPresent()) {
            return known.get();
        }
        SecretKey key = PersonalDataKeys.newKey();
        jdbc.sql("""
                        INSERT INTO personal_data_key (customer_id, secret, created_at) VALUES (:customer, :secret, :now)
                        ON CONFLICT (customer_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = EXCLUDED.created_at
                         WHERE personal_data_key.secret IS NULL""")
                .param("customer", customer).param("secret", key.getEncoded())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        cache.remove(customer);
        return existing(customer).orElseThrow();
    }

    @Override
    public Optional<SecretKey> existing(UUID customer) {
        Instant now = clock.instant();
        Cached cached = cache.get(customer);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.key();
        }
        Optional<SecretKey> key = jdbc.sql("SELECT secret FROM personal_data_key WHERE customer_id = :customer")
                .param("customer", customer)
                .query((row, n) -> Optional.ofNullable(row.getBytes(1)))
                .optional().flatMap(secret -> secret).map(PersonalDataKeys::key);
        if (key.isPresent()) {
            cache.put(customer, new Cached(key, now.plus(CACHE)));
        }
        return key;
    }

    @Override
    public void destroy(UUID customer) {
        jdbc.sql("""
                        UPDATE personal_data_key SET secret = NULL, erased_at = :now
                         WHERE customer_id = :customer""")
                .param("customer", customer).param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        cache.remove(customer);
    }
}
