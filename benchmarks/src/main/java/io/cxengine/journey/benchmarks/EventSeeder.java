package io.cxengine.journey.benchmarks;

import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerId;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Writes synthetic histories straight into the engine's event store — through its {@link EventStore}, so with the
 * same serializer, personal-data sealing and hash chain as the journey's own events — many customers a transaction.
 * It is how the benchmarks reach a million events in minutes; commands would take an hour on a small machine.
 */
final class EventSeeder {

    /** Customers written in one transaction. */
    private static final int CUSTOMERS_PER_TRANSACTION = 50;

    private final EventStore store;
    private final TransactionManager transactions;

    EventSeeder(EventStore store, TransactionManager transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    /**
     * Writes customers {@code first}…{@code first + count - 1} of the seed, {@code length} events each; the customers
     * of one transaction take turns, as customers' contacts interleave in a live stream.
     */
    List<CustomerId> seed(long seed, long first, int count, int length, LongConsumer eventsWritten) {
        List<CustomerId> customers = new ArrayList<>(count);
        for (long start = first; start < first + count; start += CUSTOMERS_PER_TRANSACTION) {
            List<List<CustomerEvent>> histories = new ArrayList<>();
            for (long index = start; index < Math.min(first + count, start + CUSTOMERS_PER_TRANSACTION); index++) {
                List<CustomerEvent> history = SyntheticHistory.of(seed, index, length);
                customers.add(history.get(0).customerId());
                histories.add(history);
            }
            List<DomainEventMessage<?>> batch = new ArrayList<>();
            for (int sequence = 0; sequence < length; sequence++) {
                for (List<CustomerEvent> history : histories) {
                    CustomerEvent event = history.get(sequence);
                    batch.add(new GenericDomainEventMessage<>("Customer", event.customerId().toString(), sequence,
                            event, MetaData.with("principal", "benchmark-seeder")));
                }
            }
            append(batch);
            eventsWritten.accept(batch.size());
        }
        return customers;
    }

    private void append(List<DomainEventMessage<?>> events) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        unitOfWork.execute(() -> store.publish(events));
    }
}
