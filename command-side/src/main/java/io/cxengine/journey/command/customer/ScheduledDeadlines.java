package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.CustomerId;

import java.util.Optional;

/**
 * Remembers which scheduled deadline belongs to which running clock, so that a clock stopped in time cancels its
 * deadline directly instead of searching every scheduled deadline. Kept beside the events, in the same transaction.
 */
public interface ScheduledDeadlines {

    void remember(CustomerId customer, ServiceClock.Key clock, String scheduleId);

    /** Forgets the clock's deadline and returns its schedule id, if one was remembered. */
    Optional<String> forget(CustomerId customer, ServiceClock.Key clock);
}
