package io.cxengine.journey.command.recording;

import io.cxengine.journey.platform.eventstore.AppendedPositions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.OptionalLong;

/** The SQL that turns a customer's event (by its sequence number) into a receipt: its version and global position. */
@Repository
class EventPositions {

    private final JdbcClient jdbc;

    EventPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer's current version and its position, unless no such customer was ever recorded. */
    Optional<Receipt> current(String customerId) {
        return jdbc.sql("""
                        SELECT sequence_number, global_index FROM domain_event_entry
                         WHERE aggregate_identifier = :aggregate
                         ORDER BY sequence_number DESC LIMIT 1
                        """)
                .param("aggregate", customerId)
                .query((rs, row) -> new Receipt(customerId, rs.getLong(1), rs.getLong(2)))
                .optional();
    }

    /**
     * The receipt of the customer's event with this sequence number: its position as the append returned it, when the
     * current unit of work appended it; otherwise as stored.
     */
    Receipt of(String customerId, long sequence) {
        OptionalLong appended = AppendedPositions.of(customerId, sequence);
        if (appended.isPresent()) {
            return new Receipt(customerId, sequence, appended.getAsLong());
        }
        long position = jdbc.sql("""
                        SELECT global_index FROM domain_event_entry
                         WHERE aggregate_identifier = :aggregate AND sequence_number = :sequence
                        """)
                .param("aggregate", customerId)
                .param("sequence", sequence)
                .query(Long.class)
                .single();
        return new Receipt(customerId, sequence, position);
    }
}
