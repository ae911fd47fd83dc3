package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.RegisterCustomer;
import io.cxengine.journey.customer.CustomerEvent.CustomerRegistered;
import io.cxengine.journey.customer.CustomerId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One customer's journey: only the state its decisions need, rebuilt from the customer's events. */
@Aggregate
class Customer {

    @AggregateIdentifier
    private CustomerId customerId;

    Customer() {
        // Axon rebuilds a Customer from its events through this constructor.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterCustomer command) {
        if (customerId != null) {
            throw new JourneyRuleViolation("Customer %s is already registered".formatted(command.customerId()));
        }
        apply(new CustomerRegistered(command.customerId(), command.name(), command.email(), command.phone(),
                command.identifiedVia(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(CustomerRegistered event) {
        customerId = event.customerId();
    }
}
