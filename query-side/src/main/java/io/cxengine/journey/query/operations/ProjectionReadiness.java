package io.cxengine.journey.query.operations;

import io.cxengine.journey.query.http.TokenPositions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The readiness probe's part on the projections ({@code /actuator/health/readiness}): with
 * {@code journey.readiness.max-projection-lag} set to a number of events, this instance is not ready while any
 * projection's slowest segment is further than that behind the store, so that a load balancer sends readers elsewhere
 * while it catches up (after a start from an old token, or a long outage); unset (the default), the projections never
 * make it unready. Its details stay hidden like every health detail: the lag is on {@code GET /admin/projections}.
 */
@Component("projectionLagHealthIndicator")
class ProjectionReadiness implements HealthIndicator {

    private final Projections projections;
    private final TokenPositions tokens;
    private final Long maxLag;

    ProjectionReadiness(Projections projections, TokenPositions tokens,
                        @Value("${journey.readiness.max-projection-lag:#{null}}") Long maxLag) {
        this.projections = projections;
        this.tokens = tokens;
        this.maxLag = maxLag;
    }

    @Override
    public Health health() {
        if (maxLag == null) {
            return Health.up().build();
        }
        long head = projections.head();
        for (String name : projections.views()) {
            long lag = Math.max(0, head - tokens.position(name));
            if (lag > maxLag) {
                return Health.outOfService().withDetail("projection", name).withDetail("lag", lag).build();
            }
        }
        return Health.up().build();
    }
}
