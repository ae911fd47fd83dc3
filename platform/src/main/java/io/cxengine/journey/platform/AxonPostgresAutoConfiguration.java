package io.cxengine.journey.platform;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.ListableBeanFactory;
import org.slf4j.LoggerFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.cxengine.journey.platform.keys.DataKeyWrapping;

/**
 * Axon on PostgreSQL through JDBC: the table layout of the event store, token store and dead-letter queue (created by
 * Flyway, never by Axon at start-up), the duplicate-key resolver and Jackson for every serializer. Axon's own JDBC
 * auto-configuration builds the storage engine, token store and dead-letter queues from these beans.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
@EnableConfigurationProperties({ProcessingSettings.class, EventProcessorProperties.class, TokenStoreProperties.class,
        SchemaMigrations.MigrationSettings.class, EventStoreSettings.class})
public class AxonPostgresAutoConfiguration {

    static final String EVENT_STORE = "event-store";
    /** Events read at a time: of one customer while loading it, and of the stream by the projections. */
    static final int AGGREGATE_BATCH = 100;
    /** PostgreSQL's SQLState for a duplicate key. */
    public static final String UNIQUE_VIOLATION = "23505";

    /**
     * The owner's login for the migrations on an external database: {@code journey.migrations.url/username/password},
     * each unset part taken from the runtime datasource, so that one URL whose user owns the schema still works alone.
     */
    @Bean
    @ConditionalOnMissingBean
    SchemaMigrations.MigrationLogin migrationLogin(SchemaMigrations.MigrationSettings settings,
                                                   DataSourceProperties dataSource) {
        return settings.login(dataSource.getUrl(), dataSource.getUsername(), dataSource.getPassword());
    }

    @Bean
    SchemaMigrations.Migrated eventStoreSchema(SchemaMigrations.MigrationLogin login,
                                               SchemaMigrations.MigrationSettings settings) {
        return SchemaMigrations.migrate(login, EVENT_STORE, settings);
    }

    /** Checked after every owner's migrations (hence the list), before any processor or request uses the pool. */
    @Bean
    RuntimeRole runtimeRole(DataSource dataSource, List<SchemaMigrations.Migrated> migrated) {
        return RuntimeRole.check(dataSource);
    }

    /**
     * Axon's connections: within a Spring transaction, that transaction's connection, committed or rolled back by
     * Spring alone; otherwise Axon's own connection of the unit of work, which Axon commits when the unit of work
     * commits (Axon's default for both). Axon's default would also commit and roll back the Spring transaction's
     * connection itself, at the end of every unit of work: right for a command alone, wrong for a command in a group
     * committed together ({@code GroupCommit}), whose units of work end within one Spring transaction.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        ConnectionProvider spring = new SpringDataSourceConnectionProvider(dataSource);
        ConnectionProvider unitOfWork = new UnitOfWorkAwareConnectionProviderWrapper(spring);
        return () -> TransactionSynchronizationManager.isActualTransactionActive()
                ? spring.getConnection() : unitOfWork.getConnection();
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Axon's JDBC storage engine on our schema, with the journal's serializers (snapshots through the field-reading
     * snapshot serializer), the duplicate-key resolver and the upcaster chain; every append bounded by the write
     * timeout, and gaps in the stream waited for as long as {@link EventStoreSettings} says is safe.
     */
    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer, PersonalDataKeys keys,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          Configuration configuration, ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager, EventSchema eventSchema,
                                          EventStoreSettings settings, DataSource dataSource) {
        checkWriteBound(settings, dataSource);
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(JournalSerializers.snapshots(keys))
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                // A customer's events are read in batches by sequence; a batch shorter than a full one is the last,
                // so the load stops there instead of reading one more, empty, batch (Axon's default).
                .batchSize(AGGREGATE_BATCH)
                .finalAggregateBatchPredicate(batch -> batch.size() < AGGREGATE_BATCH)
                // The insert returns each event's position, so a write's receipt needs no read after it.
                .appendEvents(AppendedPositions::appendEvents)
                .gapTimeout((int) settings.gapTimeout().toMillis())
                .maxGapOffset(settings.maxGapOffset());
        return new BoundedEventStorageEngine(builder, transactionManager, settings.writeTimeout());
    }

    /**
     * Axon's event store over the storage engine, as Axon's auto-configuration builds it, but keeping
     * {@code journey.event-store.cached-events} of the newest events for the projections at the head of the stream
     * instead of Axon's 10,000: every cached event holds its own copy of the token's gaps, and positions that no event
     * will ever fill (a write rolled back after it took its global index) stay gaps for the whole gap timeout, so the
     * cache's heap is its length times the gaps (docs/reliability.md, "Gaps in the event stream").
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                  EventStoreSettings settings) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(settings.cachedEvents())
                .build();
    }

    /**
     * The write bound rests on PostgreSQL's {@code transaction_timeout} (PostgreSQL 17 and later): refuses to start
     * on a server without it, unless the bound is switched off, which is said loudly.
     */
    private static void checkWriteBound(EventStoreSettings settings, DataSource dataSource) {
        if (!settings.bounded()) {
            LoggerFactory.getLogger(AxonPostgresAutoConfiguration.class).warn("""
                    journey.event-store.write-timeout is 0: event-writing transactions are not bounded, and a write \
                    that commits more than {} after it took its position is never seen by the projections \
                    (docs/reliability.md, "Gaps in the event stream")""", settings.gapTimeout());
            return;
        }
        String supported = JdbcClient.create(dataSource)
                .sql("SELECT current_setting('transaction_timeout', true)").query(String.class).optional().orElse(null);
        if (supported == null) {
            throw new IllegalStateException("""
                    The database has no transaction_timeout (PostgreSQL 17 or later), on which the engine bounds \
                    every event-writing transaction (journey.event-store.write-timeout) so that the projections never \
                    skip a write that commits late. Use PostgreSQL 17, or set journey.event-store.write-timeout=0 \
                    and accept the risk (docs/reliability.md, "Gaps in the event stream").""");
        }
    }

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
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                          TokenStoreProperties properties) {
        String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
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

    /**
     * PostgreSQL's {@code unique_violation} on append means another write to the same customer won: Axon then raises
     * a concurrency conflict (HTTP 409) instead of a storage failure (HTTP 500). Reads the SQLState, so it needs no
     * database connection and no vendor error-code table.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /**
     * The upcasters that the published language ships (declared in {@code META-INF/services}), in their declared
     * order, then the guard that refuses unknown types.
     */
    @Bean
    ConfigurerModule eventUpcasters() {
        return configurer -> {
            ServiceLoader.load(EventUpcaster.class, getClass().getClassLoader())
                    .forEach(upcaster -> configurer.registerEventUpcaster(configuration -> upcaster));
            configurer.registerEventUpcaster(configuration -> new KnownEventTypes(configuration.eventSerializer()));
        };
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
                                                             Serializer genericSerializer) {
        Function<String, Function<Configuration, SequencedDeadLetterQueue<EventMessage<?>>>> jdbcQueue =
                processingGroup -> configuration -> JdbcSequencedDeadLetterQueue.builder()
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
            for (String bean : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
                ProcessingGroup group = beans.findAnnotationOnBean(bean, ProcessingGroup.class);
                if (group != null) {
                    configurer.eventProcessing().registerDeadLetteringEventHandlerInvokerConfiguration(
                            group.value(), (configuration, invoker) -> invoker.enableSequenceIdentifierCache());
                }
            }
        };
    }

    /**
     * The customers' keys, wrapped by the key-encryption key. Once the event store is migrated and before any event is
     * read or written, every key still stored in clear (or wrapped by the key-encryption key being rotated out) is
     * wrapped with the current one.
     */
    @Bean
    PersonalDataKeys personalDataKeys(JdbcClient jdbc, DataKeyWrapping wrapping, Clock clock,
                                      @Qualifier("eventStoreSchema") SchemaMigrations.Migrated eventStoreSchema) {
        JdbcPersonalDataKeys keys = new JdbcPersonalDataKeys(jdbc, wrapping, clock);
        keys.wrapStoredKeys();
        return keys;
    }

    @Bean
    @Primary
    Serializer serializer(PersonalDataKeys keys) {
        return JournalSerializers.jackson(keys);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(PersonalDataKeys keys) {
        return JournalSerializers.jackson(keys);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(PersonalDataKeys keys) {
        return JournalSerializers.jackson(keys);
    }
}
