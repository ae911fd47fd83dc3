package io.cxengine.journey.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.command.recording.Provenance;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A customer's complete history, from the event store itself: the facts come from {@code readEvents(id, from)}, which
 * never starts at a snapshot and passes every event through the upcasters; where each event stands and what its
 * stored bytes say come from its row.
 */
@Component
class CustomerHistory {

    private final EventStore events;
    private final JdbcClient jdbc;

    private final ObjectMapper json;

    CustomerHistory(EventStore events, JdbcClient jdbc, ObjectMapper json) {
        this.events = events;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Up to {@code limit} events from sequence {@code from}, oldest first; with {@code diff}, what each changed. */
    List<HistoryEntry> page(CustomerId customer, long from, int limit, boolean diff) {
        List<HistoryEntry> page = new ArrayList<>();
        each(customer, from, limit, page::add);
        if (!diff || page.isEmpty()) {
            return page;
        }
        CustomerState state = new CustomerState();
        DomainEventStream stream = events.readEvents(customer.toString(), 0);
        List<HistoryEntry> withChanges = new ArrayList<>();
        while (stream.hasNext() && withChanges.size() < page.size()) {
            DomainEventMessage<?> event = stream.next();
            JsonNode before = json.valueToTree(state);
            state.apply((CustomerEvent) event.getPayload(), event.getSequenceNumber());
            if (event.getSequenceNumber() >= from) {
                HistoryEntry entry = page.get(withChanges.size());
                withChanges.add(new HistoryEntry(entry.sequence(), entry.globalPosition(), entry.eventIdentifier(),
                        entry.type(), entry.revision(), entry.occurredAt(), entry.recordedAt(), entry.payload(),
                        entry.provenance(), entry.previousHash(), entry.hash(),
                        StateDiff.between(before, json.valueToTree(state))));
            }
        }
        return withChanges;
    }

    /**
     * What the company knew: the fold of the events recorded by {@code asOf}, that happened by {@code occurredBy},
     * and up to {@code version}; each bound optional.
     */
    CustomerState state(CustomerId customer, Instant asOf, Instant occurredBy, Long version) {
        CustomerState state = new CustomerState();
        DomainEventStream stream = events.readEvents(customer.toString(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            CustomerEvent fact = (CustomerEvent) event.getPayload();
            if ((version != null && event.getSequenceNumber() > version)
                    || (asOf != null && event.getTimestamp().isAfter(asOf))) {
                break; // The sequence follows the order of recording: nothing later qualifies.
            }
            if (occurredBy == null || !fact.occurredAt().isAfter(occurredBy)) {
                state.apply(fact, event.getSequenceNumber());
            }
        }
        return state;
    }

    /** Every event from sequence {@code from} on, oldest first, handed to the consumer one by one. */
    void each(CustomerId customer, long from, int limit, Consumer<HistoryEntry> consumer) {
        Map<Long, StoredEvent> rows = stored(customer, from, limit).stream()
                .collect(Collectors.toMap(StoredEvent::sequence, Function.identity()));
        DomainEventStream stream = events.readEvents(customer.toString(), from);
        int handed = 0;
        while (stream.hasNext() && handed < limit) {
            DomainEventMessage<?> event = stream.next();
            StoredEvent row = rows.get(event.getSequenceNumber());
            if (row == null) {
                break; // Appended after the page was read: the next page has it.
            }
            Object payload = event.getPayload();
            consumer.accept(new HistoryEntry(event.getSequenceNumber(), row.globalPosition(), event.getIdentifier(),
                    event.getPayloadType().getSimpleName(), row.payloadRevision(),
                    payload instanceof CustomerEvent fact ? fact.occurredAt() : null, event.getTimestamp(), payload,
                    new HistoryEntry.Provenance(row.meta(Provenance.PRINCIPAL), row.meta(Provenance.SYSTEM),
                            row.meta(Provenance.CORRELATION_ID), row.meta(Provenance.CAUSATION_ID),
                            row.meta(Provenance.IDEMPOTENCY_KEY), row.meta(Provenance.IMPORT_LINE)),
                    row.meta(HashChain.PREVIOUS_HASH), row.meta(HashChain.HASH), null));
            handed++;
        }
    }

    /** How many events the customer has: the count of their rows. */
    long count(CustomerId customer) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :aggregate")
                .param("aggregate", customer.toString()).query(Long.class).single();
    }

    HistoryVerification verify(CustomerId customer) {
        return HistoryVerification.of(customer.value(), stored(customer, 0, Integer.MAX_VALUE));
    }

    private List<StoredEvent> stored(CustomerId customer, long from, int limit) {
        return jdbc.sql("SELECT " + StoredEvent.COLUMNS + """
                         FROM domain_event_entry
                        WHERE aggregate_identifier = :aggregate AND sequence_number >= :from
                        ORDER BY sequence_number LIMIT :limit""")
                .param("aggregate", customer.toString()).param("from", from).param("limit", limit)
                .query(StoredEvent::read)
                .list();
    }
}
