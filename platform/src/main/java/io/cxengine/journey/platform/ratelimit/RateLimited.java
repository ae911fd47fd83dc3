package io.cxengine.journey.platform.ratelimit;

import java.time.Duration;

/** A request over one of its allowances: answered 429 with {@code Retry-After}, and nothing is done. */
public final class RateLimited extends RuntimeException {

    /** The problem type and title of every 429 the engine answers. */
    public static final String PROBLEM_TYPE = "rate-limited";
    public static final String PROBLEM_TITLE = "Too many requests";

    private final Duration retryAfter;

    public RateLimited(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    /** When to try again, in whole seconds (at least 1), as {@code Retry-After} says it. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
