package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.CustomerId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.cxengine.journey.command.customer.CustomerFixtures.customerRegistered;
import static io.cxengine.journey.command.customer.CustomerFixtures.registerCustomer;

class CustomerRegistrationTest {

    private static final CustomerId CUSTOMER = CustomerId.of("7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21");

    private final FixtureConfiguration<Customer> customer = new AggregateTestFixture<>(Customer.class);

    @Test
    @DisplayName("registering a new customer opens their journey")
    void registers() {
        customer.givenNoPriorActivity()
                .when(registerCustomer(CUSTOMER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(customerRegistered(CUSTOMER));
    }

    @Test
    @DisplayName("registering the same customer twice is refused and records nothing")
    void registeringTwiceIsRefused() {
        customer.given(customerRegistered(CUSTOMER))
                .when(registerCustomer(CUSTOMER))
                .expectNoEvents()
                .expectException(JourneyRuleViolation.class)
                .expectExceptionMessage("Customer %s is already registered".formatted(CUSTOMER));
    }
}
