package io.cxengine.journey.command;

import io.cxengine.journey.command.audit.ChainedEvents;
import io.cxengine.journey.command.audit.PersonalDataErasure;
import io.cxengine.journey.command.imports.Imports;
import io.cxengine.journey.command.recording.AppliedEvents;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

/** The write path's interceptors are registered once each, in the order {@link WritePipeline} states. */
class WritePipelineTest {

    @Test
    @DisplayName("commands: first round trip and receipt, then erasure; events: chain, receipt's sequence, import count; deadlines: provenance")
    @SuppressWarnings("unchecked")
    void statedOrder() {
        CommandBus commandBus = mock(CommandBus.class);
        EventStore eventStore = mock(EventStore.class);
        DeadlineManager deadlines = mock(DeadlineManager.class);
        AppliedEvents applied = mock(AppliedEvents.class);
        MessageHandlerInterceptor<CommandMessage<?>> aroundCommands = mock(MessageHandlerInterceptor.class);
        MessageDispatchInterceptor<EventMessage<?>> onEventBus = mock(MessageDispatchInterceptor.class);
        MessageDispatchInterceptor<EventMessage<?>> factCounter = mock(MessageDispatchInterceptor.class);
        when(applied.aroundCommands()).thenReturn(aroundCommands);
        when(applied.onEventBus()).thenReturn(onEventBus);
        Imports imports = mock(Imports.class);
        when(imports.factCounter()).thenReturn(factCounter);
        PersonalDataErasure erasure = mock(PersonalDataErasure.class);
        ChainedEvents chain = mock(ChainedEvents.class);

        WritePipeline.register(commandBus, eventStore, deadlines, applied, erasure, chain, imports,
                mock(CorrelationDataProvider.class));

        InOrder order = inOrder(commandBus, eventStore, deadlines);
        order.verify(commandBus).registerHandlerInterceptor(aroundCommands);
        order.verify(commandBus).registerHandlerInterceptor(erasure);
        order.verify(eventStore).registerDispatchInterceptor(chain);
        order.verify(eventStore).registerDispatchInterceptor(onEventBus);
        order.verify(eventStore).registerDispatchInterceptor(factCounter);
        order.verify(deadlines).registerHandlerInterceptor(any());
        verifyNoMoreInteractions(commandBus, eventStore, deadlines);
    }
}
