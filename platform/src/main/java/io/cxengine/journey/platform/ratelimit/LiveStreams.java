package io.cxengine.journey.platform.ratelimit;

import io.cxengine.journey.platform.security.Caller;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the live streams open at once, per client and in total. A stream holds its permit until it ends (the client
 * leaves, it times out or fails) and gives it back exactly once.
 */
public final class LiveStreams {

    /** A client whose stream was refused is told to come back after this long. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final RateLimitSettings.Streams caps;
    private final boolean enabled;
    private final RateLimitMetrics metrics;
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    LiveStreams(RateLimitSettings settings, RateLimitMetrics metrics) {
        this.caps = settings.streams();
        this.enabled = settings.enabled();
        this.metrics = metrics;
    }

    /** A permit for one more stream of the current caller's client, or {@link RateLimited} when a cap is reached. */
    public Permit open() {
        String client = Caller.current().map(Caller::client).orElse("");
        if (!enabled) {
            return new Permit(() -> { });
        }
        if (total.incrementAndGet() > caps.total()) {
            total.decrementAndGet();
            metrics.refused("streams");
            throw new RateLimited("The engine serves at most " + caps.total() + " live streams at once.", RETRY_AFTER);
        }
        AtomicInteger open = perClient.computeIfAbsent(client, c -> new AtomicInteger());
        if (open.incrementAndGet() > caps.perClient()) {
            release(client, open);
            metrics.refused("streams");
            throw new RateLimited("Client " + client + " has " + caps.perClient()
                    + " live streams open, as many as it may.", RETRY_AFTER);
        }
        return new Permit(() -> release(client, open));
    }

    /** How many streams the client has open now. */
    public int openFor(String client) {
        AtomicInteger open = perClient.get(client);
        return open == null ? 0 : open.get();
    }

    private void release(String client, AtomicInteger open) {
        total.decrementAndGet();
        if (open.decrementAndGet() <= 0) {
            perClient.remove(client, open);
        }
    }

    /** One open stream's place; closing it a second time does nothing. */
    public static final class Permit implements AutoCloseable {

        private final Runnable release;
        private final AtomicBoolean closed = new AtomicBoolean();

        Permit(Runnable release) {
            this.release = release;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release.run();
            }
        }
    }
}
