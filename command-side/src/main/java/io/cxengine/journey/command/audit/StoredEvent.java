package io.cxengine.journey.command.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** One row of {@code domain_event_entry}, as stored. */
record StoredEvent(long sequence, long globalPosition, String eventIdentifier, String aggregateIdentifier,
                   String payloadType, String payloadRevision, String recordedAt, byte[] payload,
                   Map<String, Object> metaData) {

    static final String COLUMNS = """
            sequence_number, global_index, event_identifier, aggregate_identifier, payload_type, payload_revision,
            time_stamp, payload, meta_data""";
    private static final ObjectMapper JSON = new ObjectMapper();

    static StoredEvent read(ResultSet row, int number) throws SQLException {
        byte[] meta = row.getBytes("meta_data");
        try {
            return new StoredEvent(row.getLong("sequence_number"), row.getLong("global_index"),
                    row.getString("event_identifier"), row.getString("aggregate_identifier"),
                    row.getString("payload_type"), row.getString("payload_revision"), row.getString("time_stamp"),
                    row.getBytes("payload"),
                    meta == null ? Map.of() : JSON.readValue(meta, new TypeReference<Map<String, Object>>() {
                    }));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable metadata of event " + row.getString("event_identifier"), e);
        }
    }

    String meta(String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }

    HashChain.Link link() {
        return new HashChain.Link(eventIdentifier, aggregateIdentifier, sequence, payloadType, payloadRevision,
                recordedAt, meta("principal"), meta("correlationId"), payload);
    }
}
