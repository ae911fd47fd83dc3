package io.cxengine.journey.command.audit;

import io.cxengine.journey.command.recording.Provenance;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Links every event a customer's journey records into that customer's hash chain, as it is applied: the link goes
 * into the event's metadata ({@code previousHash}, {@code hash}), so that it is stored with the event in the same
 * append. The payload is hashed in exactly the bytes the event serializer stores.
 * <p>
 * The previous hash is that of the customer's event just before, at the sequence number one lower. Within a unit of
 * work it is the one linked last; otherwise this process remembers, for the customers it wrote lately, the hash of
 * the last event it committed, as a fact of the store (kept only after the commit, keyed by its sequence number): if
 * that is the event just before, no read is needed. If another process wrote the customer since (the sequence numbers
 * differ), or the customer is not remembered, the hash is read from the store.
 */
@Component
public class ChainedEvents implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String LAST_HASHES = ChainedEvents.class.getName() + ".lastHashes";
    /** Customers whose last committed hash is remembered, the least recently written forgotten first. */
    static final int REMEMBERED = 10_000;

    /** A customer's event in the chain: its sequence number and its hash. */
    private record Head(long sequence, String hash) {
    }

    private final Map<String, Head> committed = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
            return size() > REMEMBERED;
        }
    });

    private final Serializer events;
    private final JdbcClient jdbc;

    ChainedEvents(@Qualifier("eventSerializer") Serializer events, JdbcClient jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> message instanceof DomainEventMessage<?> event ? link(event) : message;
    }

    private DomainEventMessage<?> link(DomainEventMessage<?> event) {
        Map<String, Head> linked = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(LAST_HASHES, key -> afterCommit(new HashMap<>()))
                : new HashMap<>();
        String customer = event.getAggregateIdentifier();
        long sequence = event.getSequenceNumber();
        String previous = sequence == 0 ? HashChain.GENESIS : hashAt(linked.get(customer), sequence - 1);
        if (previous == null) {
            previous = hashAt(committed.get(customer), sequence - 1);
        }
        if (previous == null) {
            previous = storedHash(event);
        }
        SerializedObject<byte[]> payload = events.serialize(event.getPayload(), byte[].class);
        String hash = HashChain.hash(previous, new HashChain.Link(event.getIdentifier(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), payload.getType().getName(), payload.getType().getRevision(),
                DateTimeUtils.formatInstant(event.getTimestamp()),
                text(event.getMetaData().get(Provenance.PRINCIPAL)),
                text(event.getMetaData().get(Provenance.CORRELATION_ID)), payload.getData()));
        linked.put(customer, new Head(sequence, hash));
        return new Linked<>(event, Map.of(HashChain.PREVIOUS_HASH, previous, HashChain.HASH, hash), events, payload);
    }

    /**
     * The event with its link in the metadata, carrying the payload bytes that were hashed: the store writes exactly
     * those, so each event is serialized (and its personal fields sealed) once. A copy with other metadata serializes
     * again, to the same bytes.
     */
    static final class Linked<T> extends GenericDomainEventMessage<T> {

        private final transient Serializer serializer;
        private final transient SerializedObject<byte[]> payload;

        Linked(DomainEventMessage<T> event, Map<String, String> link, Serializer serializer,
               SerializedObject<byte[]> payload) {
            super(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                    new GenericMessage<>(event.getIdentifier(), event.getPayloadType(), event.getPayload(),
                            event.getMetaData().mergedWith(link)), event.getTimestamp());
            this.serializer = serializer;
            this.payload = payload;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> SerializedObject<S> serializePayload(Serializer serializer, Class<S> expectedRepresentation) {
            if (serializer == this.serializer && expectedRepresentation == byte[].class && payload != null) {
                return (SerializedObject<S>) payload;
            }
            return super.serializePayload(serializer, expectedRepresentation);
        }
    }

    /** Remembers what a unit of work linked once it has committed, and only then. */
    private Map<String, Head> afterCommit(Map<String, Head> linked) {
        CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> committed.putAll(linked));
        return linked;
    }

    private static String hashAt(Head head, long sequence) {
        return head != null && head.sequence() == sequence ? head.hash() : null;
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
