package io.cxengine.journey.platform.ratelimit;

import io.cxengine.journey.platform.security.Scope;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Locale;
import java.util.Map;

/**
 * The rate limits ({@code journey.rate-limits.*}). Every allowance is a token bucket: {@code capacity} requests at
 * once, refilled by {@code refill-per-second}.
 *
 * @param enabled        whether any limit applies (on by default)
 * @param perAddress     every request from one remote address, before its token is looked at (default 20,000 at
 *                       once, 10,000 per second)
 * @param unauthenticated requests from one address whose token was refused (401): the address is cut off once it
 *                       has spent this, until it refills (default 1,000 at once, 50 per second)
 * @param scopes         per client and scope, by scope name without the {@code journey.} prefix (e.g.
 *                       {@code scopes.audit.capacity}); a scope not configured keeps its default
 * @param streams        live streams open at once, per client and in total
 * @param trackedKeys    at most this many addresses and as many clients are tracked; the least recently seen are
 *                       forgotten first (their allowance starts full again)
 */
@ConfigurationProperties("journey.rate-limits")
public record RateLimitSettings(@DefaultValue("true") boolean enabled,
                                Limit perAddress,
                                Limit unauthenticated,
                                Map<String, Limit> scopes,
                                @DefaultValue Streams streams,
                                @DefaultValue("100000") int trackedKeys) {

    public RateLimitSettings {
        perAddress = perAddress == null ? new Limit(20_000, 10_000) : perAddress;
        unauthenticated = unauthenticated == null ? new Limit(1_000, 50) : unauthenticated;
        scopes = scopes == null ? Map.of() : Map.copyOf(scopes);
    }

    /** A token bucket: {@code capacity} at once, refilled by {@code refillPerSecond}. */
    public record Limit(long capacity, long refillPerSecond) {
        public Limit {
            if (capacity < 1 || refillPerSecond < 1) {
                throw new IllegalArgumentException("a rate limit needs a capacity and a refill of at least 1");
            }
        }
    }

    /** Live streams (Server-Sent Events) open at once. */
    public record Streams(@DefaultValue("256") int perClient, @DefaultValue("1024") int total) {
    }

    /**
     * The allowance of one client for one scope: the configured one, else the default, sized so that a system
     * submitting facts is never held back before the engine itself is, while reads of whole histories are paced.
     */
    public Limit limit(Scope scope) {
        String name = scope.value().substring("journey.".length()).toLowerCase(Locale.ROOT);
        Limit configured = scopes.get(name);
        if (configured != null) {
            return configured;
        }
        return switch (scope) {
            case WRITE -> new Limit(20_000, 10_000);
            case AGENT -> new Limit(4_000, 2_000);
            case ANALYZE, AUDIT -> new Limit(1_000, 200);
            case ADMIN -> new Limit(500, 100);
            case ERASE -> new Limit(20, 1);
        };
    }
}
