package io.cxengine.journey.command.imports;

import io.cxengine.journey.command.customer.ScheduledDeadlines;
import io.cxengine.journey.command.customer.ServiceClock;
import io.cxengine.journey.customer.CustomerId;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.common.Registration;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Service-standard clocks in import mode: what the customer's handlers schedule and remember while a batch of an
 * import runs is held in the batch, and only what is still running when the batch commits becomes a scheduled
 * deadline (a row of {@code service_clock}), in the batch's transaction. A back-dated history starts
 * and stops most of its clocks within a batch (a call, and the call back an hour later); those never reach the
 * scheduler. Each deadline is scheduled with the metadata of the line that started its clock, as if it had been
 * scheduled then. Outside an import batch (the command bus, the deadlines themselves) everything goes straight to
 * the engine's deadline manager and table.
 */
final class BatchDeadlines implements DeadlineManager, ScheduledDeadlines {

    private static final String HELD = BatchDeadlines.class.getName() + ".held";
    private static final String ID_PREFIX = "import-batch-";

    private final DeadlineManager deadlines;
    private final ScheduledDeadlines scheduled;

    BatchDeadlines(DeadlineManager deadlines, ScheduledDeadlines scheduled) {
        this.deadlines = deadlines;
        this.scheduled = scheduled;
    }

    /** A deadline held in the batch, and the clock it belongs to once the customer remembered it. */
    private record Pending(Instant trigger, String name, GenericMessage<Object> message, ScopeDescriptor scope,
                           CustomerId customer, ServiceClock.Key clock) {
        Pending of(CustomerId customer, ServiceClock.Key clock) {
            return new Pending(trigger, name, message, scope, customer, clock);
        }
    }

    /** What a batch holds: deadlines by their provisional id, and which clock has which. */
    private static final class Held {
        final Map<String, Pending> deadlines = new LinkedHashMap<>();
        final Map<String, String> clocks = new HashMap<>();
    }

    /** Holds what this batch schedules until it commits; called as the batch begins. */
    void hold(UnitOfWork<?> batch) {
        batch.resources().put(HELD, new Held());
    }

    /**
     * Schedules, in the batch's transaction, what the batch holds still running. Called by the batch as it prepares
     * to commit, after its lines ran.
     */
    void release(UnitOfWork<?> batch) {
        Held held = batch.getResource(HELD);
        if (held == null) {
            return;
        }
        batch.resources().remove(HELD);
        for (Pending pending : held.deadlines.values()) {
            String id = deadlines.schedule(pending.trigger(), pending.name(), pending.message(), pending.scope());
            if (pending.clock() != null) {
                scheduled.remember(pending.customer(), pending.clock(), id);
            }
        }
    }

    private static Held held() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(HELD) : null;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        Held held = held();
        if (held == null) {
            return deadlines.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
        }
        String id = ID_PREFIX + UUID.randomUUID();
        // Made now, so it carries the correlation data of the line that starts the clock.
        held.deadlines.put(id, new Pending(triggerDateTime, deadlineName, new GenericMessage<>(messageOrPayload),
                deadlineScope, null, null));
        return id;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        Held held = held();
        if (held != null && held.deadlines.remove(scheduleId) != null) {
            return;
        }
        deadlines.cancelSchedule(deadlineName, scheduleId);
    }

    @Override
    public void cancelAll(String deadlineName) {
        deadlines.cancelAll(deadlineName);
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        deadlines.cancelAllWithinScope(deadlineName, scope);
    }

    @Override
    public void remember(CustomerId customer, ServiceClock.Key clock, String scheduleId) {
        Held held = held();
        Pending pending = held == null ? null : held.deadlines.get(scheduleId);
        if (pending == null) {
            scheduled.remember(customer, clock, scheduleId);
            return;
        }
        held.deadlines.put(scheduleId, pending.of(customer, clock));
        held.clocks.put(customer + "/" + clock.text(), scheduleId);
    }

    @Override
    public Optional<String> forget(CustomerId customer, ServiceClock.Key clock) {
        Held held = held();
        String id = held == null ? null : held.clocks.remove(customer + "/" + clock.text());
        return id != null ? Optional.of(id) : scheduled.forget(customer, clock);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
        return deadlines.registerDispatchInterceptor(dispatchInterceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
        return deadlines.registerHandlerInterceptor(handlerInterceptor);
    }
}
