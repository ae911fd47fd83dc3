package io.cxengine.journey.query.briefing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.platform.projection.ProjectionWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** The SQL of {@code read_model.customer_briefing}: one JSON state per customer, read and written by its key. */
@Repository
class BriefingTable {

    /** The tables this SQL keeps, in the read-model schema; a rebuild fills copies of them and swaps them in. */
    static final List<String> TABLES = List.of("customer_briefing");

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final JdbcClient jdbc;
    private final ProjectionWrites writes;

    BriefingTable(JdbcClient jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /** The stored state and the version it reflects. */
    record Stored(BriefingState state, long version) {
    }

    Optional<Stored> find(CustomerId customer) {
        return jdbc.sql("SELECT state::text, version FROM customer_briefing WHERE customer_id = :customer")
                .param("customer", customer.value())
                .query((row, n) -> new Stored(read(row.getString(1)), row.getLong(2)))
                .optional();
    }

    /** The customer's state for the projection: read once a batch, kept until the batch commits. */
    BriefingState state(CustomerId customer) {
        return writes.kept(key(customer), () -> find(customer).map(Stored::state).orElse(BriefingState.NONE));
    }

    /** The customer's state as it now stands, kept for the rest of the batch and written once per batch. */
    void save(CustomerId customer, BriefingState state, long version) {
        writes.keep(key(customer), state);
        writes.sql("""
                        INSERT INTO customer_briefing (customer_id, state, version)
                        VALUES (:customer, CAST(:state AS JSONB), :version)
                        ON CONFLICT (customer_id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version""")
                .param("customer", customer.value()).param("state", write(state)).param("version", version)
                .replacing(key(customer))
                .execute();
    }

    private static String key(CustomerId customer) {
        return "customer_briefing:" + customer;
    }


    private static String write(BriefingState state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BriefingState read(String json) {
        try {
            return JSON.readValue(json, BriefingState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
