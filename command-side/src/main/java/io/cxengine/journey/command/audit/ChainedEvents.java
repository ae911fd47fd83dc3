package io.cxengine.journey.command.audit;

import io.cxengine.journey.command.recording.Provenance;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Links every event a customer's journey records into that customer's hash chain, as it is applied: the link goes
 * into the event's metadata ({@code previousHash}, {@code hash}), so that it is stored with the event in the same
 * append. The payload is hashed in exactly the bytes the event serializer stores.
 */
@Component
class ChainedEvents implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String LAST_HASHES = ChainedEvents.class.getName() + ".lastHashes";

    private final Serializer events;
    private final JdbcClient jdbc;

    ChainedEvents(@Qualifier("eventSerializer") Serializer events, JdbcClient jdbc, EventStore eventStore) {
        this.events = events;
        this.jdbc = jdbc;
        eventStore.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> message instanceof DomainEventMessage<?> event ? link(event) : message;
    }

    private DomainEventMessage<?> link(DomainEventMessage<?> event) {
        Map<String, String> lastHashes = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(LAST_HASHES, key -> new HashMap<>())
                : new HashMap<>();
        String previous = lastHashes.get(event.getAggregateIdentifier());
        if (previous == null) {
            previous = event.getSequenceNumber() == 0 ? HashChain.GENESIS : storedHash(event);
        }
        SerializedObject<byte[]> payload = events.serialize(event.getPayload(), byte[].class);
        String hash = HashChain.hash(previous, new HashChain.Link(event.getIdentifier(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), payload.getType().getName(), payload.getType().getRevision(),
                DateTimeUtils.formatInstant(event.getTimestamp()),
                text(event.getMetaData().get(Provenance.PRINCIPAL)),
                text(event.getMetaData().get(Provenance.CORRELATION_ID)), payload.getData()));
        lastHashes.put(event.getAggregateIdentifier(), hash);
        return event.andMetaData(Map.of(HashChain.PREVIOUS_HASH, previous, HashChain.HASH, hash));
    }

    /** The hash of the customer's event just before this one, as stored. */
    private String storedHash(DomainEventMessage<?> event) {
        return jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'hash' FROM domain_event_entry
                         WHERE aggregate_identifier = :aggregate AND sequence_number = :previous""")
                .param("aggregate", event.getAggregateIdentifier())
                .param("previous", event.getSequenceNumber() - 1)
                .query(String.class)
                .optional()
                .orElse(HashChain.GENESIS);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
