package io.cxengine.journey.command.recording;

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
 * version: the ETag a client sends back in {@code If-Match}. Sits on the event bus (to see each event as the
 * aggregate applies it) and around command handling (to hand the version back).
 */
final class AppliedEvents {

    private static final String LAST_SEQUENCE = AppliedEvents.class.getName() + ".lastSequence";

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
                return new Applied(unitOfWork.root().getResource(LAST_SEQUENCE));
            }
        };
    }
}
