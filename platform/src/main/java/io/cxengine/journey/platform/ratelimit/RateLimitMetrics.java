package io.cxengine.journey.platform.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts refusals by limit ({@code journey.rate_limit.refused}, tag {@code limit}: address, a scope, streams…). */
final class RateLimitMetrics {

    private final MeterRegistry registry;

    RateLimitMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void refused(String limit) {
        if (registry != null) {
            Counter.builder("journey.rate_limit.refused")
                    .description("Requests refused with 429, by the limit they reached")
                    .tag("limit", limit)
                    .register(registry)
                    .increment();
        }
    }
}
