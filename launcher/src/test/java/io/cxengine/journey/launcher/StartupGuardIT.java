package io.cxengine.journey.launcher;

import io.cxengine.journey.command.serviceclock.ServiceClockDeadlines;
import io.cxengine.journey.platform.eventstore.AxonPostgresAutoConfiguration;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fails the build if any piece of the engine's infrastructure falls back to an in-memory or default variant: each of
 * these fallbacks starts fine and loses facts or deadlines on the first restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StartupGuardIT {

    @Autowired
    ApplicationContext context;

    @Test
    @DisplayName("events are stored by Axon's JDBC storage engine on PostgreSQL")
    void eventStorageEngine() throws SQLException {
        assertThat(context.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(connection.getMetaData().getDatabaseMajorVersion()).isEqualTo(17);
        }
    }

    @Test
    @DisplayName("tracking tokens are kept by the JDBC token store")
    void tokenStore() {
        assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
    }

    @Test
    @DisplayName("every serializer is Jackson, never XStream or Java serialization")
    void serializers(@Autowired Serializer general,
                     @Autowired @Qualifier("eventSerializer") Serializer events,
                     @Autowired @Qualifier("messageSerializer") Serializer messages) {
        assertThat(general).isInstanceOf(JacksonSerializer.class);
        assertThat(events).isInstanceOf(JacksonSerializer.class);
        assertThat(messages).isInstanceOf(JacksonSerializer.class);
        // The hash chain hands the store the payload bytes it hashed, for the serializer that made them: the store's.
        assertThat(((AbstractEventStorageEngine) context.getBean(EventStorageEngine.class)).getEventSerializer())
                .isSameAs(events);
        var configuration = context.getBean(org.axonframework.config.Configuration.class);
        assertThat(configuration.serializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(configuration.eventSerializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(configuration.messageSerializer()).isInstanceOf(JacksonSerializer.class);
        assertThatThrownBy(() -> Class.forName("com.thoughtworks.xstream.XStream"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    @DisplayName("deadlines are persisted as rows of the engine's own table, not kept in memory")
    void deadlineManager() {
        assertThat(context.getBean(DeadlineManager.class)).isInstanceOf(ServiceClockDeadlines.class);
        var configuration = context.getBean(org.axonframework.config.Configuration.class);
        assertThat(configuration.deadlineManager()).isInstanceOf(ServiceClockDeadlines.class);
    }

    @Test
    @DisplayName("the customer-profile projection is a pooled streaming processor with a JDBC dead-letter queue")
    void deadLetterQueue() {
        EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
        assertThat(processing.eventProcessor("customer-profile", EventProcessor.class))
                .get().isInstanceOf(PooledStreamingEventProcessor.class);
        assertThat(processing.deadLetterQueue("customer-profile"))
                .get().isInstanceOf(JdbcSequencedDeadLetterQueue.class);
    }

    @Test
    @DisplayName("PostgreSQL's duplicate key (SQLState 23505) is recognised as a conflict")
    void sqlErrorResolver(@Autowired JdbcClient jdbc) {
        PersistenceExceptionResolver resolver = context.getBean(PersistenceExceptionResolver.class);
        var duplicateKey = new SQLException("duplicate key value violates unique constraint",
                AxonPostgresAutoConfiguration.UNIQUE_VIOLATION);
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", duplicateKey))).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("deadlock", "40P01"))).isFalse();

        jdbc.sql("CREATE TEMPORARY TABLE guard_unique (id INT PRIMARY KEY)").update();
        jdbc.sql("INSERT INTO guard_unique VALUES (1)").update();
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO guard_unique VALUES (1)").update())
                .satisfies(real -> assertThat(resolver.isDuplicateKeyViolation((Exception) real)).isTrue());
    }

    @Test
    @DisplayName("no Axon Server connector is on the classpath")
    void noAxonServer() {
        assertThatThrownBy(() -> Class.forName("org.axonframework.axonserver.connector.AxonServerConfiguration"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(context.getBeanNamesForType(org.axonframework.commandhandling.CommandBus.class)).isNotEmpty();
    }

    @Test
    @DisplayName("Axon's update checker is not part of the engine")
    void noUpdateChecker() {
        assertThat(context.getBeanNamesForType(org.axonframework.updates.UpdateChecker.class)).isEmpty();
        assertThat(System.getProperty("axoniq.update-checker.disabled")).isEqualTo("true");
    }

    @Test
    @DisplayName("every table is created by Flyway, one history per owner")
    void flywayOwnsTheSchema(@Autowired JdbcClient jdbc) {
        // pg_tables, not information_schema: the engine's login sees the histories without being granted them.
        assertThat(jdbc.sql("""
                        SELECT tablename FROM pg_tables
                         WHERE tablename LIKE 'flyway_history_%' ORDER BY tablename""")
                .query(String.class).list())
                .containsExactly("flyway_history_command_side", "flyway_history_event_store",
                        "flyway_history_query_side");
        assertThat(jdbc.sql("SELECT count(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'")
                .query(Long.class).single()).isZero();
    }
}
