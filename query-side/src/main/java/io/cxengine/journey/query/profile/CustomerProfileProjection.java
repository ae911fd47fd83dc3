package io.cxengine.journey.query.profile;

import io.cxengine.journey.customer.CustomerEvent.CustomerRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Keeps {@code read_model.customer_profile} in step with every customer's journey. */
@Component
@ProcessingGroup(CustomerProfileProjection.PROCESSING_GROUP)
class CustomerProfileProjection {

    static final String PROCESSING_GROUP = "customer-profile";

    private final CustomerProfileTable table;

    CustomerProfileProjection(CustomerProfileTable table) {
        this.table = table;
    }

    @EventHandler
    void on(CustomerRegistered event, @SequenceNumber long version) {
        table.registered(event, version);
    }

    @QueryHandler
    Optional<CustomerProfileView> handle(FindCustomerProfile query) {
        return table.find(query.customerId());
    }

    @ResetHandler
    void reset() {
        table.truncate();
    }
}
