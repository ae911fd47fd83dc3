package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.customer.CustomerCommand;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The edge between HTTP and the journey: sends one command with its provenance and returns the receipt of what it
 * recorded.
 */
@Component
public class JourneyCommands {

    private final CommandGateway gateway;
    private final EventPositions positions;

    JourneyCommands(CommandGateway gateway, CommandBus commandBus, EventStore eventStore, EventPositions positions,
                    IdempotencyRecords idempotency) {
        this.gateway = gateway;
        this.positions = positions;
        var applied = new AppliedEvents(idempotency, positions);
        eventStore.registerDispatchInterceptor(applied.onEventBus());
        commandBus.registerHandlerInterceptor(applied.aroundCommands());
    }

    /**
     * Records the command's facts and waits until they are stored; the receipt is that of the command's own last
     * event, or, if it recorded nothing new (a repeated fact), the customer's version as it was then.
     */
    public Receipt record(CustomerCommand command, MetaData provenance) {
        Object result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance));
        if (result instanceof AppliedEvents.Applied applied && applied.receipt() != null) {
            return applied.receipt();
        }
        throw new IllegalStateException("Command %s committed without a receipt".formatted(command));
    }

    /** The customer's current version and its position, unless no such customer was ever recorded. */
    public Optional<Receipt> current(String customerId) {
        return positions.current(customerId);
    }

    /**
     * The receipt of a customer's earlier write, from the version its idempotency record kept; a record of before
     * versions were kept (null) answers the customer's current version.
     */
    public Receipt receipt(String customerId, Long version) {
        return version == null ? current(customerId).orElseThrow() : positions.of(customerId, version);
    }
}
