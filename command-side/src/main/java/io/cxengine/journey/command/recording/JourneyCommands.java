package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.customer.CustomerCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The edge between HTTP and the journey: sends one command with its provenance and returns the receipt of what it
 * recorded.
 */
@Component
public class JourneyCommands {

    private final GroupCommit group;
    private final EventPositions positions;

    JourneyCommands(GroupCommit group, EventPositions positions) {
        this.group = group;
        this.positions = positions;
    }

    /**
     * Records the command's facts and waits until they are stored; the receipt is that of the command's own last
     * event, or, if it recorded nothing new (a repeated fact), the customer's version as it was then.
     */
    public Receipt record(CustomerCommand command, MetaData provenance) {
        return ((Written.Recorded) send(command, provenance)).receipt();
    }

    /**
     * Records the command's facts under an {@code Idempotency-Key}: the key is claimed, and the write's answer stored,
     * in the transaction of its events; a key answered before replays that answer and records nothing.
     */
    public Written record(CustomerCommand command, MetaData provenance, KeyedWrite keyed) {
        return send(command, provenance.and(AppliedEvents.KEYED_WRITE, keyed));
    }

    private Written send(CustomerCommand command, MetaData metaData) {
        Object result = group.send(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData),
                command.customerId().toString());
        if (result instanceof Written.Replayed replayed) {
            return replayed;
        }
        if (result instanceof AppliedEvents.Applied applied && applied.receipt() != null) {
            return new Written.Recorded(applied.receipt());
        }
        throw new IllegalStateException("Command %s committed without a receipt".formatted(command));
    }

    /** The customer's current version and its position, unless no such customer was ever recorded. */
    public Optional<Receipt> current(String customerId) {
        return positions.current(customerId);
    }
}
