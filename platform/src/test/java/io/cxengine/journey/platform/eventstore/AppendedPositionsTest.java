package io.cxengine.journey.platform.eventstore;

import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresSettings;

import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The event store's insert returns each event's position, as stored, to the unit of work that appended it. */
class AppendedPositionsTest {

    static EmbeddedPostgresServer postgres;
    static SimpleDriverDataSource dataSource;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.start(EmbeddedPostgresSettings.ephemeralServer());
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.jdbcUrl(), "postgres", "");
        new JdbcTemplate(dataSource).execute("""
                CREATE TABLE domain_event_entry (
                    global_index BIGSERIAL PRIMARY KEY, event_identifier VARCHAR(255) NOT NULL UNIQUE,
                    aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL,
                    type VARCHAR(255), time_stamp VARCHAR(255) NOT NULL, payload_type VARCHAR(255) NOT NULL,
                    payload_revision VARCHAR(255), payload BYTEA NOT NULL, meta_data BYTEA,
                    UNIQUE (aggregate_identifier, sequence_number))""");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void eachAppendedEventKnowsItsPositionWithoutReadingItBack() throws Exception {
        // Positions taken by other writers first, so that the stored ones are not simply 1, 2, 3.
        new JdbcTemplate(dataSource).execute("SELECT setval('domain_event_entry_global_index_seq', 41)");
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        List<GenericDomainEventMessage<String>> events = List.of(
                new GenericDomainEventMessage<>("Customer", "ada", 0, "registered", Map.of("principal", "crm")),
                new GenericDomainEventMessage<>("Customer", "ada", 1, "called"),
                new GenericDomainEventMessage<>("Customer", "grace", 7, "bought"));
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            JdbcUtils.executeBatch(dataSource.getConnection(), connection -> AppendedPositions.appendEvents(
                    connection, new AxonPostgresAutoConfiguration().eventSchema(), byte[].class, events, serializer,
                    (statement, position, timestamp) -> statement.setString(position, timestamp.toString())),
                    failure -> {
                        throw new IllegalStateException(failure);
                    });

            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            for (var event : events) {
                long stored = jdbc.queryForObject("""
                                SELECT global_index FROM domain_event_entry
                                 WHERE aggregate_identifier = ? AND sequence_number = ?""", Long.class,
                        event.getAggregateIdentifier(), event.getSequenceNumber());
                assertThat(AppendedPositions.of(event.getAggregateIdentifier(), event.getSequenceNumber()))
                        .as("%s #%d", event.getAggregateIdentifier(), event.getSequenceNumber())
                        .isEqualTo(OptionalLong.of(stored));
            }
            assertThat(AppendedPositions.of("ada", 2)).as("not appended here").isEmpty();
        } finally {
            unitOfWork.rollback();
        }
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
        assertThat(AppendedPositions.of("ada", 0)).as("outside the unit of work").isEmpty();
    }
}
