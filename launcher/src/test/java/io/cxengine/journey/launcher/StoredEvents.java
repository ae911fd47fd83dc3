package io.cxengine.journey.launcher;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/** What the event store holds for a customer, read straight from it. */
final class StoredEvents {

    private StoredEvents() {
    }

    /** How many events the customer has. */
    static long count(JdbcClient store, String customer) {
        return store.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :c")
                .param("c", customer).query(Long.class).single();
    }

    /** How many events the store holds, of every customer. */
    static long total(JdbcClient store) {
        return store.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    /** The position of the newest event in the store, 0 for an empty store: what a read waits for to see it all. */
    static long head(JdbcClient store) {
        return store.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    /** The simple names of the customer's event types, in sequence. */
    static List<String> types(JdbcClient store, String customer) {
        return store.sql("""
                        SELECT substr(payload_type, strpos(payload_type, '$') + 1) FROM domain_event_entry
                         WHERE aggregate_identifier = :c ORDER BY sequence_number""")
                .param("c", customer).query(String.class).list();
    }
}
