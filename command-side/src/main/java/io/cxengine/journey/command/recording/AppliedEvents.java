package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.customer.CustomerCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Makes a command's result the receipt of what that command itself recorded: the sequence number and global position
 * of its last event (or, for a repeated fact that recorded nothing, the customer's current version); and marks the
 * command's {@code Idempotency-Key} as recorded, with that version, in the same transaction as its events.
 * <p>
 * Axon appends a command's events only when its unit of work prepares to commit: the event bus queues them while the
 * handler runs and, in a prepare-commit handler it registers when the first event is applied, passes them through its
 * dispatch interceptors and appends them. Prepare-commit handlers run in the order they were registered, so the handler
 * registered here after the command handler returned runs after the events are in the store, inside the same
 * transaction and while the repository still holds the customer's lock.
 */
final class AppliedEvents {

    private static final String LAST_SEQUENCES = AppliedEvents.class.getName() + ".lastSequences";

    private final IdempotencyRecords idempotency;
    private final EventPositions positions;

    AppliedEvents(IdempotencyRecords idempotency, EventPositions positions) {
        this.idempotency = idempotency;
        this.positions = positions;
    }

    /**
     * What a command handler's result becomes: filled in with the receipt when the command's events have been
     * appended, read by the sender once the unit of work has committed (on the sender's thread).
     */
    static final class Applied {
        private Receipt receipt;

        /** The receipt of the command's own write; null only if the command never reached its commit. */
        Receipt receipt() {
            return receipt;
        }
    }

    /** Notes, per customer, the sequence number of the last event the unit of work appends. */
    MessageDispatchInterceptor<EventMessage<?>> onEventBus() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
                return (index, message) -> {
                    if (message instanceof DomainEventMessage<?> domainEvent && CurrentUnitOfWork.isStarted()) {
                        Map<String, Long> last = CurrentUnitOfWork.get().root()
                                .getOrComputeResource(LAST_SEQUENCES, key -> new HashMap<String, Long>());
                        last.merge(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber(), Math::max);
                    }
                    return message;
                };
            }
        };
    }

    MessageHandlerInterceptor<CommandMessage<?>> aroundCommands() {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                                 InterceptorChain interceptorChain) throws Exception {
                Object result = interceptorChain.proceed();
                CommandMessage<?> command = unitOfWork.getMessage();
                if (!(command.getPayload() instanceof CustomerCommand customerCommand)) {
                    return result;
                }
                String customerId = customerCommand.customerId().toString();
                Applied applied = new Applied();
                // Registered now, so it runs after the event bus's own prepare-commit handler has appended the events.
                unitOfWork.onPrepareCommit(u -> {
                    Map<String, Long> last = u.root().getResource(LAST_SEQUENCES);
                    Long sequence = last == null ? null : last.get(customerId);
                    Object key = command.getMetaData().get(Provenance.IDEMPOTENCY_KEY);
                    if (key == null) {
                        applied.receipt = sequence == null
                                ? positions.current(customerId).orElseThrow()
                                : positions.of(customerId, sequence);
                        return;
                    }
                    String client = String.valueOf(command.getMetaData().get(Provenance.SYSTEM));
                    String claim = String.valueOf(command.getMetaData().get(Provenance.IDEMPOTENCY_CLAIM));
                    long version = sequence != null ? sequence
                            : positions.current(customerId).orElseThrow().version(); // a repeated fact: no event
                    long position = idempotency.recorded(client, key.toString(), claim, customerId, version);
                    applied.receipt = new Receipt(customerId, version, position);
                });
                return applied;
            }
        };
    }
}
