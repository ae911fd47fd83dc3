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

import java.util.List;
import java.util.function.BiFunction;

/**
 * Notes the sequence number of the last event a command applied, so that the command's result is the customer's new
 * version (the ETag a client sends back in {@code If-Match}); and marks the command's {@code Idempotency-Key} as
 * recorded in the same transaction as its events. Sits on the event bus (to see each event as the aggregate applies
 * it) and around command handling (inside the command's transaction).
 */
final class AppliedEvents {

    private static final String LAST_SEQUENCE = AppliedEvents.class.getName() + ".lastSequence";

    private final IdempotencyRecords idempotency;

    AppliedEvents(IdempotencyRecords idempotency) {
        this.idempotency = idempotency;
    }

    /** What a command handler's result becomes: the sequence number of its last event, or null if it applied none. */
    record Applied(Long lastSequence) {
    }

    MessageDispatchInterceptor<EventMessage<?>> onEventBus() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
                return (index, message) -> {
                    if (message instanceof DomainEventMessage<?> domainEvent && CurrentUnitOfWork.isStarted()) {
                        CurrentUnitOfWork.get().root().resources().put(LAST_SEQUENCE, domainEvent.getSequenceNumber());
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
                interceptorChain.proceed();
                Long lastSequence = unitOfWork.root().getResource(LAST_SEQUENCE);
                CommandMessage<?> command = unitOfWork.getMessage();
                Object key = command.getMetaData().get(Provenance.IDEMPOTENCY_KEY);
                if (key != null && command.getPayload() instanceof CustomerCommand customerCommand) {
                    idempotency.recorded(String.valueOf(command.getMetaData().get(Provenance.SYSTEM)),
                            key.toString(), String.valueOf(command.getMetaData().get(Provenance.IDEMPOTENCY_CLAIM)),
                            customerCommand.customerId().toString(), lastSequence);
                }
                return new Applied(lastSequence);
            }
        };
    }
}
