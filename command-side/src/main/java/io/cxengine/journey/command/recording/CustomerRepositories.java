package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.customer.Customer;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;

/**
 * Builds the customers' repositories: the one the command bus and the deadlines use, and one for each other way into
 * the aggregate (the bulk import, which hands the customer's handlers resources of its own). All of them share the
 * customers kept in memory ({@link VersionCheckedRepository}), the customers' locks and the snapshot trigger.
 */
public class CustomerRepositories {

    private final EventStore eventStore;
    private final SnapshotTriggerDefinition snapshotTrigger;
    private final CustomerLocks locks;
    private final HandlerDefinition handlers;
    private final Cache cache;

    CustomerRepositories(EventStore eventStore, SnapshotTriggerDefinition snapshotTrigger, CustomerLocks locks,
                         HandlerDefinition handlers, AggregateCacheSettings settings) {
        this.eventStore = eventStore;
        this.snapshotTrigger = snapshotTrigger;
        this.locks = locks;
        this.handlers = handlers;
        this.cache = settings.capacity() == 0 ? NoCache.INSTANCE : new RecentlyWritten(settings.capacity());
    }

    /** A repository whose customers' handlers get their parameters from {@code parameters}. */
    public Repository<Customer> resolving(ParameterResolverFactory parameters) {
        return new VersionCheckedRepository<>(EventSourcingRepository.builder(Customer.class)
                .eventStore(eventStore)
                .snapshotTriggerDefinition(snapshotTrigger)
                .parameterResolverFactory(parameters)
                .handlerDefinition(handlers), cache, locks);
    }
}
