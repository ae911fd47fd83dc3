package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.customer.Customer;
import io.cxengine.journey.command.customer.ServiceStandards;
import io.cxengine.journey.command.customer.StandardsInForce;
import io.cxengine.journey.standards.ServiceStandardEvent;
import io.cxengine.journey.standards.ServiceStandardEvent.ServiceStandardChanged;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;


/** How commands are recorded: provenance on every event, versions from {@code If-Match}, service standards. */
@Configuration
@EnableConfigurationProperties({SnapshotSettings.class,
        AggregateCacheSettings.class, GroupCommitSettings.class})
class RecordingConfiguration {

    @Bean
    CorrelationDataProvider provenanceProvider() {
        return new ProvenanceProvider();
    }

    /** Named in the Customer aggregate's {@code @Aggregate(commandTargetResolver = …)}. */
    @Bean
    ExpectedVersionResolver customerTargetResolver() {
        return new ExpectedVersionResolver();
    }

    @Bean
    SpringAggregateSnapshotterFactoryBean snapshotter() {
        return new SpringAggregateSnapshotterFactoryBean();
    }

    /** Named in the Customer aggregate's {@code @Aggregate(snapshotTriggerDefinition = …)}. */
    @Bean
    SnapshotTriggerDefinition customerSnapshotTrigger(Snapshotter snapshotter, SnapshotSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.threshold());
    }

    @Bean
    CustomerRepositories customerRepositories(EventStore eventStore, SnapshotTriggerDefinition customerSnapshotTrigger,
                                              CustomerLocks locks, HandlerDefinition handlers,
                                              AggregateCacheSettings settings) {
        return new CustomerRepositories(eventStore, customerSnapshotTrigger, locks, handlers, settings);
    }

    /**
     * Named in the Customer aggregate's {@code @Aggregate(repository = …)}: customers kept in memory between commands,
     * used only when they are the customer as stored ({@link VersionCheckedRepository}).
     */
    @Bean
    Repository<Customer> customerRepository(CustomerRepositories repositories, ParameterResolverFactory parameters) {
        return repositories.resolving(parameters);
    }

    /** The service standards as configured ({@code journey.service-standards.*}), their defaults where left out. */
    @Bean
    ServiceStandards serviceStandards(Environment environment) {
        return Binder.get(environment).bind("journey.service-standards", ServiceStandards.class)
                .orElse(ServiceStandards.DEFAULTS);
    }

    /**
     * The service standards book, read from the event store: the limits in force at any time. A version is recorded at
     * least {@code journey.service-standards.announce-ahead} (default 1 minute) plus {@code journey.api.clock-skew}
     * (default 5 minutes, how far in the future a fact may be dated) before it takes effect.
     */
    @Bean
    StandardsInForce standardsInForce(ServiceStandards configured, EventStore eventStore, Clock clock,
                                      Environment environment) {
        Duration announceAhead = Binder.get(environment)
                .bind("journey.service-standards.announce-ahead", Duration.class).orElse(Duration.ofMinutes(1));
        // How far in the future a fact may be dated (the API's clock skew): a version takes effect after that too.
        Duration factsAhead = Binder.get(environment).bind("journey.api.clock-skew", Duration.class)
                .orElse(Duration.ofMinutes(5));
        return new StandardsInForce(configured, from -> {
            List<StandardsInForce.RecordedVersion> versions = new ArrayList<>();
            eventStore.readEvents(ServiceStandardEvent.BOOK, from).asStream().forEach(event -> {
                Object principal = event.getMetaData().get(Provenance.PRINCIPAL);
                versions.add(new StandardsInForce.RecordedVersion((ServiceStandardChanged) event.getPayload(),
                        principal == null ? null : principal.toString(), event.getTimestamp()));
            });
            return versions;
        }, clock, announceAhead, factsAhead);
    }
}
