package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.customer.CustomerCommand;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The edge between HTTP and the journey: sends one command with its provenance and returns the receipt of what it
 * recorded.
 */
@Component
public class JourneyCommands {

    private final CommandGateway gateway;
    private final JdbcClient jdbc;

    JourneyCommands(CommandGateway gateway, CommandBus commandBus, EventStore eventStore, JdbcClient jdbc,
                    IdempotencyRecords idempotency) {
        this.gateway = gateway;
        this.jdbc = jdbc;
        var applied = new AppliedEvents(idempotency);
        eventStore.registerDispatchInterceptor(applied.onEventBus());
        commandBus.registerHandlerInterceptor(applied.aroundCommands());
    }

    /** Records the command's facts and waits until they are stored. */
    public Receipt record(CustomerCommand command, MetaData provenance) {
        Object result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance));
        Long lastSequence = result instanceof AppliedEvents.Applied applied ? applied.lastSequence() : null;
        return receipt(command.customerId().toString(), lastSequence);
    }

    /** The customer's current version and its position, unless no such customer was ever recorded. */
    public Optional<Receipt> current(String customerId) {
        return jdbc.sql("""
                        SELECT sequence_number, global_index FROM domain_event_entry
                         WHERE aggregate_identifier = :aggregate
                         ORDER BY sequence_number DESC LIMIT 1
                        """)
                .param("aggregate", customerId)
                .query((rs, row) -> new Receipt(customerId, rs.getLong(1), rs.getLong(2)))
                .optional();
    }

    /**
     * The receipt of a customer's write: the given version and its position, or, when the write recorded nothing new
     * (a repeated fact), the customer's current version.
     */
    public Receipt receipt(String customerId, Long version) {
        if (version == null) {
            return current(customerId).orElseThrow();
        }
        long position = jdbc.sql("""
                        SELECT global_index FROM domain_event_entry
                         WHERE aggregate_identifier = :aggregate AND sequence_number = :sequence
                        """)
                .param("aggregate", customerId)
                .param("sequence", version)
                .query(Long.class)
                .single();
        return new Receipt(customerId, version, position);
    }
}
