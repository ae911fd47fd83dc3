package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.Attribute;
import io.cxengine.journey.command.customer.CustomerCommand.RecordAttribute;
import io.cxengine.journey.command.customer.CustomerCommand.RecordConsent;
import io.cxengine.journey.customer.AttributeKind;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerEvent.AttributeRecorded;
import io.cxengine.journey.customer.CustomerEvent.ConsentGranted;
import io.cxengine.journey.customer.CustomerEvent.ConsentWithdrawn;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.cxengine.journey.command.customer.CustomerFixtures.CUSTOMER;
import static io.cxengine.journey.command.customer.CustomerFixtures.NOON;
import static io.cxengine.journey.command.customer.CustomerFixtures.attribute;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerFixture;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerRegistered;
import static io.cxengine.journey.command.customer.CustomerFixtures.registerCustomer;

class CustomerRegistrationTest {

    private final FixtureConfiguration<Customer> customer = customerFixture();

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

    @Test
    @DisplayName("what is known at registration is remembered, each attribute once, with the consented channels")
    void registersWithAttributesAndConsents() {
        customer.givenNoPriorActivity()
                .when(registerCustomer(CUSTOMER,
                        List.of(attribute("household size", "4"), attribute("Household Size", "4"),
                                attribute("occupation", "engineer")),
                        Set.of(Channel.PHONE, Channel.EMAIL)))
                .expectEvents(customerRegistered(CUSTOMER),
                        new AttributeRecorded(CUSTOMER, AttributeKind.DEMOGRAPHIC, "household size", "4", false, NOON),
                        new AttributeRecorded(CUSTOMER, AttributeKind.DEMOGRAPHIC, "occupation", "engineer", false, NOON),
                        new ConsentGranted(CUSTOMER, Channel.EMAIL, NOON),
                        new ConsentGranted(CUSTOMER, Channel.PHONE, NOON));
    }

    @Test
    @DisplayName("a special-category attribute without explicit consent refuses the whole registration")
    void specialCategoryAtRegistrationNeedsConsent() {
        customer.givenNoPriorActivity()
                .when(registerCustomer(CUSTOMER, List.of(attribute("religion", "none")), Set.of()))
                .expectNoEvents()
                .expectException(JourneyRuleViolation.class);
    }

    @Test
    @DisplayName("an attribute is recorded once: the same value again records nothing (don't ask twice)")
    void attributeRecordedOnce() {
        customer.given(customerRegistered(CUSTOMER),
                        new AttributeRecorded(CUSTOMER, AttributeKind.DEMOGRAPHIC, "household size", "4", false, NOON))
                .when(new RecordAttribute(CUSTOMER, attribute("household-size", "4"), NOON.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    @DisplayName("a changed attribute value is recorded")
    void changedAttributeRecorded() {
        customer.given(customerRegistered(CUSTOMER),
                        new AttributeRecorded(CUSTOMER, AttributeKind.DEMOGRAPHIC, "household size", "4", false, NOON))
                .when(new RecordAttribute(CUSTOMER, attribute("household size", "5"), NOON.plusSeconds(60)))
                .expectEvents(new AttributeRecorded(CUSTOMER, AttributeKind.DEMOGRAPHIC, "household size", "5", false,
                        NOON.plusSeconds(60)));
    }

    @Test
    @DisplayName("a special-category attribute is recorded only with explicit consent, and marked as such")
    void specialCategoryNeedsExplicitConsent() {
        customer.given(customerRegistered(CUSTOMER))
                .when(new RecordAttribute(CUSTOMER, new Attribute(AttributeKind.DEMOGRAPHIC, "Political Affiliation",
                        "green", false), NOON))
                .expectNoEvents()
                .expectException(JourneyRuleViolation.class);
        customer.given(customerRegistered(CUSTOMER))
                .when(new RecordAttribute(CUSTOMER, new Attribute(AttributeKind.DEMOGRAPHIC, "Political Affiliation",
                        "green", true), NOON))
                .expectEvents(new AttributeRecorded(CUSTOMER, AttributeKind.DEMOGRAPHIC, "Political Affiliation",
                        "green", true, NOON));
    }

    @Test
    @DisplayName("consent is granted and withdrawn per channel; repeating the current state records nothing")
    void consents() {
        customer.given(customerRegistered(CUSTOMER))
                .when(new RecordConsent(CUSTOMER, Channel.EMAIL, true, NOON))
                .expectEvents(new ConsentGranted(CUSTOMER, Channel.EMAIL, NOON));
        customer.given(customerRegistered(CUSTOMER), new ConsentGranted(CUSTOMER, Channel.EMAIL, NOON))
                .when(new RecordConsent(CUSTOMER, Channel.EMAIL, true, NOON))
                .expectNoEvents();
        customer.given(customerRegistered(CUSTOMER), new ConsentGranted(CUSTOMER, Channel.EMAIL, NOON))
                .when(new RecordConsent(CUSTOMER, Channel.EMAIL, false, NOON))
                .expectEvents(new ConsentWithdrawn(CUSTOMER, Channel.EMAIL, NOON));
        customer.given(customerRegistered(CUSTOMER))
                .when(new RecordConsent(CUSTOMER, Channel.PHONE, false, NOON))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a fact about an unknown customer is refused")
    void unknownCustomer() {
        customer.givenNoPriorActivity()
                .when(new RecordConsent(CUSTOMER, Channel.EMAIL, true, NOON))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
