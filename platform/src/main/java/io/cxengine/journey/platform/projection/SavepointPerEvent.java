package io.cxengine.journey.platform.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


/**
 * Runs a projection's event handlers inside savepoints of the batch's transaction once one of them has failed.
 * <p>
 * A projection handles a batch of events in one PostgreSQL transaction with its token; when one handler fails,
 * PostgreSQL aborts the whole transaction, and neither the other events of the batch nor the dead letter could be
 * stored. Rolling back to a savepoint undoes just the failed event, so that the dead-letter queue can park it (and its
 * customer's later events) while the rest of the batch commits. A savepoint costs two round trips per event, though,
 * most of a rebuild's time; so batches run without them until a handler of the projection fails. That batch is lost
 * (its transaction is aborted) and is retried from the token, and from then on, for {@link #CAREFUL_FOR} after the
 * projection's last failure, every event runs in its own savepoint, so the retry parks the failing event.
 */
public class SavepointPerEvent implements HandlerEnhancerDefinition {

    /** How long after a failure a projection's events keep running in savepoints. */
    public static final Duration CAREFUL_FOR = Duration.ofMinutes(10);

    private final TransactionTemplate savepoint;
    private final ProjectionWrites writes;
    private final Clock clock;
    private final Map<Class<?>, Instant> carefulUntil = new ConcurrentHashMap<>();

    public SavepointPerEvent(PlatformTransactionManager transactions, ProjectionWrites writes) {
        this(transactions, writes, Clock.systemUTC());
    }

    SavepointPerEvent(PlatformTransactionManager transactions, ProjectionWrites writes, Clock clock) {
        this.writes = writes;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean projection = original.annotationAttributes(EventHandler.class).isPresent()
                && original.annotationAttributes(EventSourcingHandler.class).isEmpty();
        return projection ? new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                Class<?> projection = target.getClass();
                queueWrites(projection, message);
                if (!careful(projection)) {
                    try {
                        return original.handle(message, target);
                    } catch (Exception | Error e) {
                        failed(projection);
                        throw e;
                    }
                }
                try {
                    return savepoint.execute(status -> {
                        try {
                            Object result = original.handle(message, target);
                            writes.flush();
                            return result;
                        } catch (Exception e) {
                            writes.discard();
                            throw new HandlerFailed(e);
                        }
                    });
                } catch (HandlerFailed failed) {
                    failed(projection);
                    throw failed.cause;
                } catch (RuntimeException | Error e) {
                    failed(projection);
                    throw e;
                }
            }
        } : original;
    }

    /**
     * Queues the projection's writes for the rest of the transaction ({@link ProjectionWrites}); they run before it
     * commits, and a failure there counts as the projection's, so that the retried batch runs in savepoints.
     */
    private void queueWrites(Class<?> projection, Message<?> message) {
        if (writes.open()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    try {
                        writes.flush();
                    } catch (RuntimeException | Error e) {
                        failed(projection);
                        throw e;
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    writes.close();
                }
            });
        }
        writes.handling(message instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier() : "");
    }

    /**
     * Whether the projection's events currently run in savepoints: a handler of it that fails now has had its writes
     * rolled back and leaves the transaction usable.
     */
    public boolean careful(Class<?> projection) {
        Instant until = carefulUntil.get(projection);
        return until != null && clock.instant().isBefore(until);
    }

    private void failed(Class<?> projection) {
        carefulUntil.put(projection, clock.instant().plus(CAREFUL_FOR));
    }

    /** Carries a checked handler exception out of the savepoint, which is rolled back on it. */
    private static final class HandlerFailed extends RuntimeException {
        private final Exception cause;

        HandlerFailed(Exception cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
