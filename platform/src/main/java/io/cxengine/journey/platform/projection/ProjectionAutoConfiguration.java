package io.cxengine.journey.platform.projection;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * How every projection runs: a pooled streaming processor per processing group, its position in the JDBC token store,
 * a JDBC dead-letter queue per group, and a savepoint per event after a failure (tables created by Flyway, never by
 * Axon at start-up).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
@EnableConfigurationProperties({ProcessingSettings.class, EventProcessorProperties.class, TokenStoreProperties.class})
public class ProjectionAutoConfiguration {

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * The JDBC token store, with a node id of its own for every engine instance. Axon's default node id is the JVM's
     * {@code pid@host}, which two engines in one JVM (or two containers with the same host name and pid) share: both
     * would then count as the owner of the same segments and handle the same events at once.
     */
    @Bean
    ProcessingNodeId processingNodeId() {
        return new ProcessingNodeId(ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                          TokenStoreProperties properties, ProcessingNodeId node) {
        String nodeId = node.value();
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(nodeId)
                .build();
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_identifier")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Bean
    SavepointPerEvent savepointPerEvent(PlatformTransactionManager transactions, ProjectionWrites writes) {
        return new SavepointPerEvent(transactions, writes);
    }

    @Bean
    ProjectionWrites projectionWrites(DataSource dataSource) {
        return new ProjectionWrites(new NamedParameterJdbcTemplate(dataSource));
    }

    /** Every processing group is a pooled streaming processor, segmented and batched as configured. */
    @Bean
    ConfigurerModule pooledStreamingProcessors(ProcessingSettings settings) {
        return configurer -> configurer.eventProcessing().usingPooledStreamingEventProcessors(
                (configuration, builder) -> builder.initialSegmentCount(settings.initialSegments())
                        // A batch aborted by a failing handler is retried (event by event, in savepoints) once its
                        // segment is claimed again: within a second rather than Axon's five.
                        .tokenClaimInterval(1000)
                        .batchSize(settings.batchSize()));
    }

    /**
     * Every processing group gets a JDBC dead-letter queue: an event its handler cannot take parks that customer's
     * sequence (later events of the same customer queue behind it) while other customers' events keep flowing.
     */
    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueues(EventProcessorProperties properties,
                                                             ConnectionProvider connectionProvider,
                                                             TransactionManager transactionManager,
                                                             DeadLetterSchema schema,
                                                             @Qualifier("eventSerializer") Serializer eventSerializer,
                                                             Serializer genericSerializer,
                                                             ListableBeanFactory beans) {
        Set<String> deliveries = deliveryGroups(beans);
        Function<String, Function<Configuration, SequencedDeadLetterQueue<EventMessage<?>>>> jdbcQueue =
                processingGroup -> deliveries.contains(processingGroup) ? null
                        : configuration -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(processingGroup)
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(schema)
                        .genericSerializer(genericSerializer)
                        .eventSerializer(eventSerializer)
                        .build();
        return new DeadLetterQueueProviderConfigurerModule(properties, jdbcQueue) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.eventProcessing().registerDeadLetterQueueProvider(jdbcQueue);
            }
        };
    }

    /**
     * Without a cache the dead-lettering invoker asks the queue, for every event of every projection, whether the
     * event's customer has a parked sequence: one more round trip per event. Axon's per-segment cache of sequence
     * identifiers answers from memory (the segment's owner is the only one to park in its sequences) and still asks
     * the database whenever it is unsure.
     */
    @Bean
    ConfigurerModule deadLetterSequenceCache(ListableBeanFactory beans) {
        return configurer -> {
            Set<String> deliveries = deliveryGroups(beans);
            for (String bean : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
                ProcessingGroup group = beans.findAnnotationOnBean(bean, ProcessingGroup.class);
                if (group != null && !deliveries.contains(group.value())) {
                    configurer.eventProcessing().registerDeadLetteringEventHandlerInvokerConfiguration(
                            group.value(), (configuration, invoker) -> invoker.enableSequenceIdentifierCache());
                }
            }
        };
    }

    /**
     * Every event processor's meters as Axon's dimensional monitors name them, each payload type's found once
     * ({@link ProcessorMeters}) rather than looked up for every event; only where Axon's own monitors are on and
     * dimensional (the engine's default), which they replace for event processors alone.
     */
    @Bean
    ConfigurerModule processorMeters(ObjectProvider<MeterRegistry> registries, Environment environment) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                MeterRegistry registry = registries.getIfAvailable();
                if (registry != null
                        && environment.getProperty("axon.metrics.auto-configuration.enabled", Boolean.class, true)
                        && environment.getProperty("axon.metrics.micrometer.dimensional", Boolean.class, false)) {
                    configurer.configureMessageMonitor(EventProcessor.class, (configuration, type, name) ->
                            new ProcessorMeters(name, registry, Clock.SYSTEM));
                }
            }

            /** Last, so that no other module's monitor for event processors, Axon's included, replaces it. */
            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    /** A delivery's failure fails its batch (see {@link AtLeastOnceDelivery}): Axon's default would log and go on. */
    @Bean
    ConfigurerModule deliveriesPropagateFailures(ListableBeanFactory beans) {
        return configurer -> deliveryGroups(beans).forEach(group -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance()));
    }

    /** The processing groups marked {@link AtLeastOnceDelivery}. */
    static Set<String> deliveryGroups(ListableBeanFactory beans) {
        Set<String> groups = new TreeSet<>();
        for (String bean : beans.getBeanNamesForAnnotation(AtLeastOnceDelivery.class)) {
            ProcessingGroup group = beans.findAnnotationOnBean(bean, ProcessingGroup.class);
            if (group == null) {
                throw new IllegalStateException(bean + " is marked @AtLeastOnceDelivery but names no @ProcessingGroup");
            }
            groups.add(group.value());
        }
        return groups;
    }
}
