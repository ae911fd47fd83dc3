package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.RegisterCustomer;
import io.cxengine.journey.customer.CustomerEvent.CustomerRegistered;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.IdentificationMethod;

import java.time.Instant;

/** Intention-revealing test data for the Customer aggregate. */
final class CustomerFixtures {

    static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

    private CustomerFixtures() {
    }

    static RegisterCustomer registerCustomer(CustomerId customer) {
        return new RegisterCustomer(customer, "Grace Hopper", "grace@example.com", "+1 555 0100",
                IdentificationMethod.CALLER_ID, NOON);
    }

    static CustomerRegistered customerRegistered(CustomerId customer) {
        return new CustomerRegistered(customer, "Grace Hopper", "grace@example.com", "+1 555 0100",
                IdentificationMethod.CALLER_ID, NOON);
    }
}
