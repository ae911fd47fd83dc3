package io.cxengine.journey.platform.eventstore;

import io.cxengine.journey.platform.personaldata.PersonalDataKeys;
import io.cxengine.journey.platform.schema.RuntimeRole;
import io.cxengine.journey.platform.schema.SchemaMigrations;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import java.util.List;
import java.util.ServiceLoader;
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

import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Axon's event store on PostgreSQL through JDBC: the schema's migrations and the runtime role's check, the event
 * table's layout (created by Flyway, never by Axon at start-up), the storage engine bounded by the write timeout, the
 * duplicate-key resolver, the upcaster chain and the journal's Jackson serializers.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
@EnableConfigurationProperties({SchemaMigrations.MigrationSettings.class, EventStoreSettings.class})
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
