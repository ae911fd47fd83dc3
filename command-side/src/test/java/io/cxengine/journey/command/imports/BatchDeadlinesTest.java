package io.cxengine.journey.command.imports;

import io.cxengine.journey.command.customer.ScheduledDeadlines;
import io.cxengine.journey.command.customer.ServiceClock;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.ServiceStandard;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BatchDeadlinesTest {

    private static final CustomerId CUSTOMER = CustomerId.random();
    private static final ServiceClock.Key CALL = new ServiceClock.Key(ServiceStandard.CALL_RETURN, "call-1");
    private static final ServiceClock.Key MAIL = new ServiceClock.Key(ServiceStandard.EMAIL_RESPONSE, "mail-1");
    private static final ScopeDescriptor SCOPE = new AggregateScopeDescriptor("Customer", CUSTOMER.toString());

    private final Scheduler scheduler = new Scheduler();
    private final Remembered remembered = new Remembered();
    private final BatchDeadlines deadlines = new BatchDeadlines(scheduler, remembered);

    @AfterEach
    void noUnitOfWorkLeft() {
        while (org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()) {
            org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().rollback();
        }
    }

    @Test
    void aClockStartedAndStoppedWithinTheBatchNeverReachesTheScheduler() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        deadlines.hold(batch);

        line(MetaData.emptyInstance(), () -> start(CALL));
        line(MetaData.emptyInstance(), () -> stop(CALL));
        deadlines.release(batch);

        assertThat(scheduler.scheduled).isEmpty();
        assertThat(scheduler.cancelled).isEmpty();
        assertThat(remembered.rows).isEmpty();
        batch.commit();
    }

    @Test
    void aClockStillRunningIsScheduledAsTheBatchCommitsWithItsLinesMetadata() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        deadlines.hold(batch);

        line(MetaData.with("correlationId", "import-line-3"), () -> start(MAIL));
        assertThat(scheduler.scheduled).as("held until the batch commits").isEmpty();
        deadlines.release(batch);

        assertThat(scheduler.scheduled).singleElement().satisfies(deadline -> {
            assertThat(deadline.message().getMetaData()).containsEntry("correlationId", "import-line-3");
            assertThat(deadline.scope()).isEqualTo(SCOPE);
        });
        assertThat(remembered.rows).containsOnly(Map.entry(MAIL, "scheduled-1"));
        batch.commit();
    }

    @Test
    void aClockOfAnEarlierBatchIsStoppedInTheStoreAndOutsideABatchEverythingGoesThrough() {
        remembered.rows.put(CALL, "scheduled-earlier");
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        deadlines.hold(batch);
        line(MetaData.emptyInstance(), () -> stop(CALL));
        deadlines.release(batch);
        batch.commit();
        assertThat(scheduler.cancelled).containsExactly("scheduled-earlier");

        start(MAIL);
        assertThat(scheduler.scheduled).hasSize(1);
        assertThat(remembered.rows).containsOnly(Map.entry(MAIL, "scheduled-1"));
    }

    /** What the Customer aggregate does to start and stop a clock. */
    private void start(ServiceClock.Key clock) {
        String id = deadlines.schedule(Instant.parse("2011-01-01T10:00:00Z"), "service-standard",
                new ServiceClock(clock.standard(), clock.subject(), Instant.parse("2011-01-01T09:00:00Z"),
                        Instant.parse("2011-01-02T09:00:00Z")), SCOPE);
        deadlines.remember(CUSTOMER, clock, id);
    }

    private void stop(ServiceClock.Key clock) {
        deadlines.forget(CUSTOMER, clock).ifPresent(id -> deadlines.cancelSchedule("service-standard", id));
    }

    /** One line's unit of work, nested in the batch, with its correlation data. */
    private static void line(MetaData correlation, Runnable work) {
        DefaultUnitOfWork<Message<?>> unitOfWork = DefaultUnitOfWork.startAndGet(
                new org.axonframework.messaging.GenericMessage<>("line"));
        unitOfWork.registerCorrelationDataProvider(message -> correlation);
        work.run();
        unitOfWork.commit();
    }

    private record Scheduled(Instant trigger, String name, Message<?> message, ScopeDescriptor scope) {
    }

    private static final class Scheduler implements DeadlineManager {
        final List<Scheduled> scheduled = new ArrayList<>();
        final List<String> cancelled = new ArrayList<>();

        @Override
        public String schedule(Instant trigger, String name, Object messageOrPayload, ScopeDescriptor scope) {
            scheduled.add(new Scheduled(trigger, name, messageOrPayload instanceof Message<?> message ? message
                    : new org.axonframework.messaging.GenericMessage<>(messageOrPayload), scope));
            return "scheduled-" + scheduled.size();
        }

        @Override
        public void cancelSchedule(String name, String scheduleId) {
            cancelled.add(scheduleId);
        }

        @Override
        public void cancelAll(String name) {
        }

        @Override
        public void cancelAllWithinScope(String name, ScopeDescriptor scope) {
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super DeadlineMessage<?>> interceptor) {
            return () -> true;
        }

        @Override
        public Registration registerHandlerInterceptor(
                MessageHandlerInterceptor<? super DeadlineMessage<?>> interceptor) {
            return () -> true;
        }
    }

    private static final class Remembered implements ScheduledDeadlines {
        final Map<ServiceClock.Key, String> rows = new HashMap<>();

        @Override
        public void remember(CustomerId customer, ServiceClock.Key clock, String scheduleId) {
            rows.put(clock, scheduleId);
        }

        @Override
        public Optional<String> forget(CustomerId customer, ServiceClock.Key clock) {
            return Optional.ofNullable(rows.remove(clock));
        }
    }
}
