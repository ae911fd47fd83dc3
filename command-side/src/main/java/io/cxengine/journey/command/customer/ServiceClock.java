package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.ServiceStandard;

import java.time.Instant;

/**
 * A running service-standard clock: what it measures, for which subject (a complaint, a touchpoint, a follow-up),
 * when it started and when it runs out. It is also the payload of the deadline that fires when it runs out.
 */
public record ServiceClock(ServiceStandard standard, String subject, Instant startedAt, Instant dueAt) {

    public Key key() {
        return new Key(standard, subject);
    }

    /** Identifies one clock of one customer. */
    public record Key(ServiceStandard standard, String subject) {

        /** The key as one string, as the aggregate's state keeps it. */
        public String text() {
            return standard + "/" + subject;
        }
    }
}
