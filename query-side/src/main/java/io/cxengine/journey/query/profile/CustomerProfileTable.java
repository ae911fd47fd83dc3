package io.cxengine.journey.query.profile;

import io.cxengine.journey.customer.CustomerEvent.CustomerRegistered;
import io.cxengine.journey.customer.CustomerId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The SQL of {@code read_model.customer_profile}; only the customer-profile projection writes it. */
@Repository
class CustomerProfileTable {

    private final JdbcClient jdbc;

    CustomerProfileTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void registered(CustomerRegistered event, long version) {
        // Keyed by the customer: a replayed registration overwrites the row with the same values.
        jdbc.sql("""
                        INSERT INTO read_model.customer_profile
                               (customer_id, name, email, phone, identified_via, registered_at, version)
                        VALUES (:customer, :name, :email, :phone, :identifiedVia, :registeredAt, :version)
                        ON CONFLICT (customer_id) DO UPDATE
                           SET name = EXCLUDED.name, email = EXCLUDED.email, phone = EXCLUDED.phone,
                               identified_via = EXCLUDED.identified_via, registered_at = EXCLUDED.registered_at,
                               version = GREATEST(customer_profile.version, EXCLUDED.version)
                        """)
                .param("customer", event.customerId().value())
                .param("name", event.name())
                .param("email", event.email())
                .param("phone", event.phone())
                .param("identifiedVia", event.identifiedVia().name())
                .param("registeredAt", event.occurredAt().atOffset(ZoneOffset.UTC))
                .param("version", version)
                .update();
    }

    Optional<CustomerProfileView> find(CustomerId customerId) {
        return jdbc.sql("""
                        SELECT customer_id, name, email, phone, identified_via, registered_at, version
                          FROM read_model.customer_profile
                         WHERE customer_id = :customer
                        """)
                .param("customer", customerId.value())
                .query(CustomerProfileTable::view)
                .optional();
    }

    void truncate() {
        jdbc.sql("TRUNCATE read_model.customer_profile").update();
    }

    private static CustomerProfileView view(ResultSet row, int number) throws SQLException {
        return new CustomerProfileView(
                row.getObject("customer_id", java.util.UUID.class),
                row.getString("name"),
                row.getString("email"),
                row.getString("phone"),
                row.getString("identified_via"),
                row.getObject("registered_at", OffsetDateTime.class).toInstant(),
                row.getLong("version"));
    }
}
