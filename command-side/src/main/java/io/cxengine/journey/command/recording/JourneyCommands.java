package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.customer.CustomerCommand;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The edge between HTTP and the journey: sends one command with its provenance and returns the receipt of what it
 * recorded.
 */
@Component
public class JourneyCommands {

    private final CommandGateway gateway;
    private final JdbcClient jdbc;

    JourneyCommands(CommandGateway gateway, CommandBus commandBus, EventStore eventStore, JdbcClient jdbc) {
        this.gateway = gateway;
        this.jdbc = jdbc;
        var applied = new AppliedEvents();
        eventStore.registerDispatchInterceptor(applied.onEventBus());
        commandBus.registerHandlerInterceptor(applied.aroundCommands());
    }

    /** Records the command's facts and waits until they are stored. */
    public Receipt record(CustomerCommand command, MetaData provenance) {
        Object result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance));
        Long lastSequence = result instanceof AppliedEvents.Applied applied ? applied.lastSequence() : null;
        return receipt(command, lastSequence);
    }

    private Receipt receipt(CustomerCommand command, Long lastSequence) {
        String aggregate = command.customerId().toString();
        if (lastSequence == null) {
            // Nothing new was recorded (a repeated fact): the receipt names the customer's current version.
            return jdbc.sql("""
                            SELECT sequence_number, global_index FROM domain_event_entry
                             WHERE aggregate_identifier = :aggregate
                             ORDER BY sequence_number DESC LIMIT 1
                            """)
                    .param("aggregate", aggregate)
                    .query((rs, row) -> new Receipt(command.customerId(), rs.getLong(1), rs.getLong(2)))
                    .single();
        }
        long position = jdbc.sql("""
                        SELECT global_index FROM domain_event_entry
                         WHERE aggregate_identifier = :aggregate AND sequence_number = :sequence
                        """)
                .param("aggregate", aggregate)
                .param("sequence", lastSequence)
                .query(Long.class)
                .single();
        return new Receipt(command.customerId(), lastSequence, position);
    }
}
