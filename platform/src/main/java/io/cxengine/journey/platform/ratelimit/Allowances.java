package io.cxengine.journey.platform.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (an address, a client and scope), at most {@code tracked} of them: when a new key would pass
 * that bound, the least recently used tenth is forgotten, so a flood of new keys costs bounded memory.
 * <p>
 * Every request spends from one of these, so finding a known key takes no lock (it took one JVM-wide lock per request
 * before: sixteen request threads queued on it); only a new key past the bound waits for the forgetting, which sorts
 * once per tenth of the bound.
 */
final class Allowances<K> {

    /** A key's bucket and when it was last used. */
    private static final class Allowance {
        final Bucket bucket;
        volatile long lastUsed;

        Allowance(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    private final int tracked;
    private final Map<K, Allowance> buckets = new ConcurrentHashMap<>();
    private final Function<K, RateLimitSettings.Limit> limits;
    private final LongSupplier ticks;

    Allowances(int tracked, Function<K, RateLimitSettings.Limit> limits) {
        this(tracked, limits, System::nanoTime);
    }

    Allowances(int tracked, Function<K, RateLimitSettings.Limit> limits, LongSupplier ticks) {
        if (tracked < 1) {
            throw new IllegalArgumentException("Allowances track at least one key, not " + tracked);
        }
        this.tracked = tracked;
        this.limits = limits;
        this.ticks = ticks;
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

    /** Whether the key's allowance is still known (not forgotten). */
    boolean tracks(K key) {
        return buckets.containsKey(key);
    }

    private Bucket bucket(K key) {
        Allowance allowance = buckets.get(key);
        if (allowance == null) {
            allowance = buckets.computeIfAbsent(key, this::newAllowance);
            if (buckets.size() > tracked) {
                forgetLeastRecentlyUsed(key);
            }
        }
        allowance.lastUsed = ticks.getAsLong();
        return allowance.bucket;
    }

    private Allowance newAllowance(K key) {
        RateLimitSettings.Limit limit = limits.apply(key);
        long capacity = limit.capacity();
        Allowance allowance = new Allowance(Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(capacity)
                        .refillGreedy(limit.refillPerSecond(), Duration.ofSeconds(1)))
                .build());
        allowance.lastUsed = ticks.getAsLong();
        return allowance;
    }

    /** Forgets the least recently used keys down to nine tenths of the bound; never the key just added. */
    private synchronized void forgetLeastRecentlyUsed(K added) {
        int excess = buckets.size() - tracked * 9 / 10;
        if (buckets.size() <= tracked || excess <= 0) {
            return;
        }
        buckets.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(added))
                .sorted(Comparator.comparingLong(entry -> entry.getValue().lastUsed))
                .limit(excess)
                .map(Map.Entry::getKey)
                .toList()
                .forEach(buckets::remove);
    }
}
