package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.CustomerId;

import java.util.Optional;

/**
 * Which scheduled deadline belongs to which running clock, so that a clock stopped in time cancels its deadline
 * directly instead of searching every scheduled deadline. The engine's deadlines are rows keyed by the clock itself
 * ({@code command.serviceclock}), so there it remembers nothing and forgetting is the cancelling; the aggregate's test
 * fixtures keep a map for Axon's stub deadline manager.
 */
public interface ScheduledDeadlines {

    void remember(CustomerId customer, ServiceClock.Key clock, String scheduleId);

    /** Forgets the clock's deadline and returns its schedule id, if one was remembered. */
    Optional<String> forget(CustomerId customer, ServiceClock.Key clock);
}
