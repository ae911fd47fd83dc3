package io.cxengine.journey.platform.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The global positions the append itself returns: the event store's insert asks PostgreSQL for each new row's
 * {@code global_index} ({@code RETURNING}, in the same round trip as the insert), and keeps them in the unit of work,
 * so that a write's receipt names its position without reading it back.
 */
public final class AppendedPositions {

    private static final String POSITIONS = AppendedPositions.class.getName();

    private AppendedPositions() {
    }

    /**
     * The position the current unit of work's append gave this customer's event, if it appended it (the insert has
     * run: after the event bus's prepare-commit).
     */
    public static OptionalLong of(String aggregateIdentifier, long sequenceNumber) {
        if (!CurrentUnitOfWork.isStarted()) {
            return OptionalLong.empty();
        }
        Map<String, Long> positions = CurrentUnitOfWork.get().root().getResource(POSITIONS);
        Long position = positions == null ? null : positions.get(key(aggregateIdentifier, sequenceNumber));
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    /**
     * The event store's insert of a batch of events (Axon's {@code AppendEventsStatementBuilder}): the same columns
     * and values as Axon's own, asking for the new rows' positions; once the batch has run, the positions go to the
     * unit of work.
     */
    static PreparedStatement appendEvents(Connection connection, EventSchema schema, Class<?> dataType,
                                          List<? extends EventMessage<?>> events, Serializer serializer,
                                          TimestampWriter timestampWriter) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") "
                        + "VALUES (?,?,?,?,?,?,?,?,?)",
                new String[]{schema.globalIndexColumn(), schema.aggregateIdentifierColumn(),
                        schema.sequenceNumberColumn()});
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domain ? domain
                    : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message.getPayload(),
                    message.getMetaData(), message.getIdentifier(), message.getTimestamp());
            SerializedObject<?> payload = event.serializePayload(serializer, dataType);
            SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
            statement.setString(1, event.getIdentifier());
            statement.setString(2, event.getAggregateIdentifier());
            statement.setLong(3, event.getSequenceNumber());
            statement.setString(4, event.getType());
            timestampWriter.writeTimestamp(statement, 5, event.getTimestamp());
            statement.setString(6, payload.getType().getName());
            statement.setString(7, payload.getType().getRevision());
            statement.setObject(8, payload.getData());
            statement.setObject(9, metaData.getData());
            statement.addBatch();
        }
        return (PreparedStatement) Proxy.newProxyInstance(AppendedPositions.class.getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, (proxy, method, arguments) -> {
                    Object result;
                    try {
                        result = method.invoke(statement, arguments);
                    } catch (InvocationTargetException failure) {
                        throw failure.getCause();
                    }
                    if (method.getName().equals("executeBatch")) {
                        keep(statement);
                    }
                    return result;
                });
    }

    private static void keep(PreparedStatement statement) throws SQLException {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        Map<String, Long> positions = CurrentUnitOfWork.get().root()
                .getOrComputeResource(POSITIONS, key -> new HashMap<String, Long>());
        try (ResultSet appended = statement.getGeneratedKeys()) {
            while (appended.next()) {
                positions.put(key(appended.getString(2), appended.getLong(3)), appended.getLong(1));
            }
        }
    }

    private static String key(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + '#' + sequenceNumber;
    }
}
