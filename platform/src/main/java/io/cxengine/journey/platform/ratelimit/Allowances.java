package io.cxengine.journey.platform.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Token buckets by key (an address, a client and scope), at most {@code tracked} of them: the least recently used is
 * forgotten first, so a flood of new keys costs bounded memory.
 */
final class Allowances<K> {

    private final Map<K, Bucket> buckets;
    private final Function<K, RateLimitSettings.Limit> limits;

    Allowances(int tracked, Function<K, RateLimitSettings.Limit> limits) {
        this.limits = limits;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Bucket> eldest) {
                return size() > tracked;
            }
        };
    }

    /** Spends {@code cost} of the key's allowance; empty if it was spent, else how long until it would be there. */
    Duration spend(K key, long cost) {
        Bucket bucket = bucket(key);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(cost);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** Whether the key has at least one request of its allowance left, spending nothing. */
    Duration waitFor(K key) {
        Bucket bucket = bucket(key);
        return bucket.getAvailableTokens() > 0 ? Duration.ZERO
                : Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    private Bucket bucket(K key) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> {
                RateLimitSettings.Limit limit = limits.apply(k);
                long capacity = limit.capacity();
                return Bucket.builder()
                        .addLimit(bandwidth -> bandwidth.capacity(capacity)
                                .refillGreedy(limit.refillPerSecond(), Duration.ofSeconds(1)))
                        .build();
            });
        }
    }
}
