package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.IdentificationMethod;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** What other systems ask the journey to record about one customer. */
public sealed interface CustomerCommand {

    CustomerId customerId();

    /** Open the journey of a customer the company has just identified. */
    record RegisterCustomer(@TargetAggregateIdentifier CustomerId customerId, String name, String email, String phone,
                            IdentificationMethod identifiedVia, Instant occurredAt) implements CustomerCommand {
    }
}
