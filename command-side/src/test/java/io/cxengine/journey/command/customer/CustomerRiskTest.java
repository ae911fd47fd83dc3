package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.FileComplaint;
import io.cxengine.journey.command.customer.CustomerCommand.LoseAccount;
import io.cxengine.journey.command.customer.CustomerCommand.ReactivateAccount;
import io.cxengine.journey.command.customer.CustomerCommand.RecordPurchase;
import io.cxengine.journey.command.customer.CustomerCommand.RecordTouchpoint;
import io.cxengine.journey.command.customer.CustomerCommand.ResolveComplaint;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintCategory;
import io.cxengine.journey.customer.CustomerEvent.AccountLost;
import io.cxengine.journey.customer.CustomerEvent.AccountReactivated;
import io.cxengine.journey.customer.CustomerEvent.ComplaintResolved;
import io.cxengine.journey.customer.CustomerEvent.CustomerNoLongerAtRisk;
import io.cxengine.journey.customer.CustomerEvent.PurchaseRecorded;
import io.cxengine.journey.customer.CustomerEvent.ServiceStandardBreached;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.Severity;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.cxengine.journey.command.customer.CustomerFixtures.COMPLAINT;
import static io.cxengine.journey.command.customer.CustomerFixtures.CUSTOMER;
import static io.cxengine.journey.command.customer.CustomerFixtures.NOON;
import static io.cxengine.journey.command.customer.CustomerFixtures.atRisk;
import static io.cxengine.journey.command.customer.CustomerFixtures.complaintFiled;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerFixture;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerRegistered;
import static io.cxengine.journey.command.customer.CustomerFixtures.touchpointRecorded;
import static io.cxengine.journey.customer.RiskSign.COMPLAINT_PAST_STANDARD;
import static io.cxengine.journey.customer.RiskSign.NEGATIVE_BALANCE;
import static io.cxengine.journey.customer.RiskSign.REPEATED_BREACHES;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

/** The at-risk watch: when a customer's history turns, and turns back, it is recorded once, with the fact that did it. */
class CustomerRiskTest {

    private static final Instant DAY_LATER = NOON.plus(Duration.ofDays(1));
    private final FixtureConfiguration<Customer> customer = customerFixture();

    private static RecordTouchpoint contact(Valence valence, Instant at) {
        return new RecordTouchpoint(CUSTOMER, TouchpointId.random(), Channel.CHAT, Direction.INBOUND, "question",
                InteractionStage.UNDERSTANDING, valence, "agent-042", null, null, null, null, false, null, at);
    }

    private static TouchpointRecorded contacted(Valence valence, Instant at) {
        return touchpointRecorded(TouchpointId.random(), Channel.CHAT, Direction.INBOUND, valence, at);
    }

    @Test
    @DisplayName("a negative moment turns the balance negative: recorded at risk once; a second one records nothing more")
    void negativeBalance() {
        customer.given(customerRegistered(CUSTOMER))
                .when(contact(Valence.NEGATIVE, NOON))
                .expectEventsMatching(touchpointThen(atRisk(-1, NOON, NEGATIVE_BALANCE)));
        customer.given(customerRegistered(CUSTOMER), contacted(Valence.NEGATIVE, NOON), atRisk(-1, NOON, NEGATIVE_BALANCE))
                .when(contact(Valence.NEGATIVE, NOON.plusSeconds(60)))
                .expectEventsMatching(onlyTouchpoint());
    }

    @Test
    @DisplayName("positive moments that bring the balance back to zero end the turn")
    void balanceRestored() {
        customer.given(customerRegistered(CUSTOMER), contacted(Valence.NEGATIVE, NOON), atRisk(-1, NOON, NEGATIVE_BALANCE))
                .when(contact(Valence.POSITIVE, DAY_LATER))
                .expectEventsMatching(touchpointThen(new CustomerNoLongerAtRisk(CUSTOMER, DAY_LATER)));
    }

    @Test
    @DisplayName("only the last 90 days weigh: a later fact moves the window past an old bad moment")
    void oldMomentsFallOutOfTheWindow() {
        Instant later = NOON.plus(Duration.ofDays(90));
        customer.given(customerRegistered(CUSTOMER), contacted(Valence.NEGATIVE, NOON), atRisk(-1, NOON, NEGATIVE_BALANCE))
                .when(new RecordPurchase(CUSTOMER, "o-1", Money.of("10.00", "EUR"), false, later))
                .expectEvents(new PurchaseRecorded(CUSTOMER, "o-1", Money.of("10.00", "EUR"), null, null, later),
                        new CustomerNoLongerAtRisk(CUSTOMER, later));
        customer.given(customerRegistered(CUSTOMER), contacted(Valence.NEGATIVE, NOON), atRisk(-1, NOON, NEGATIVE_BALANCE))
                .when(new RecordPurchase(CUSTOMER, "o-1", Money.of("10.00", "EUR"), false, later.minus(Duration.ofDays(1))))
                .expectEvents(new PurchaseRecorded(CUSTOMER, "o-1", Money.of("10.00", "EUR"), null, null,
                        later.minus(Duration.ofDays(1))));
    }

    @Test
    @DisplayName("a complaint past its standard adds its sign when the clock runs out; resolving it takes the sign away")
    void complaintPastItsStandard() {
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER), contacted(Valence.POSITIVE, NOON),
                        contacted(Valence.POSITIVE, NOON), contacted(Valence.POSITIVE, NOON))
                .andGivenCommands(new FileComplaint(CUSTOMER, COMPLAINT, ComplaintCategory.BILLING_MISTAKE, null,
                        "Charged twice", Severity.HIGH, null, NOON))
                .whenTimeElapses(Duration.ofHours(25))
                .expectEvents(new ServiceStandardBreached(CUSTOMER, ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT,
                                COMPLAINT.toString(), NOON, DAY_LATER, DAY_LATER),
                        atRisk(1, DAY_LATER, COMPLAINT_PAST_STANDARD));
        customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON),
                        new ServiceStandardBreached(CUSTOMER, ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT,
                                COMPLAINT.toString(), NOON, DAY_LATER, DAY_LATER),
                        atRisk(-2, DAY_LATER, NEGATIVE_BALANCE, COMPLAINT_PAST_STANDARD))
                .when(new ResolveComplaint(CUSTOMER, COMPLAINT, "Refunded", DAY_LATER))
                .expectEvents(new ComplaintResolved(CUSTOMER, COMPLAINT, "Refunded", DAY_LATER),
                        atRisk(-1, DAY_LATER, NEGATIVE_BALANCE));
    }

    @Test
    @DisplayName("two breaches within 90 days are repeated breaches; two 91 days apart are not")
    void repeatedBreaches() {
        ServiceStandardBreached first = new ServiceStandardBreached(CUSTOMER, ServiceStandard.CALL_RETURN, "call-1",
                NOON, DAY_LATER, DAY_LATER);
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER), contacted(Valence.POSITIVE, NOON),
                        contacted(Valence.POSITIVE, NOON), contacted(Valence.POSITIVE, NOON),
                        contacted(Valence.POSITIVE, NOON), first)
                .andGivenCommands(new RecordTouchpoint(CUSTOMER, TouchpointId.random(), Channel.EMAIL,
                        Direction.INBOUND, "where is my order", InteractionStage.UNDERSTANDING, Valence.NEUTRAL,
                        "agent", null, null, null, null, false, null, NOON))
                .whenTimeElapses(Duration.ofDays(2))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(instanceOf(ServiceStandardBreached.class),
                        equalTo(atRisk(2, DAY_LATER, REPEATED_BREACHES)), andNoMore())));
        Instant muchLater = DAY_LATER.plus(Duration.ofDays(91));
        customer.given(customerRegistered(CUSTOMER), first, contacted(Valence.POSITIVE, muchLater),
                        contacted(Valence.POSITIVE, muchLater), new ServiceStandardBreached(CUSTOMER,
                                ServiceStandard.CALL_RETURN, "call-2", muchLater, muchLater, muchLater))
                .when(contact(Valence.NEUTRAL, muchLater))
                .expectEventsMatching(onlyTouchpoint());
    }

    @Test
    @DisplayName("a repeat that records nothing records no turn either, even for a history from before the watch")
    void repeatRecordsNothing() {
        Money amount = Money.of("10.00", "EUR");
        customer.given(customerRegistered(CUSTOMER), contacted(Valence.NEGATIVE, NOON),
                        new PurchaseRecorded(CUSTOMER, "o-1", amount, null, null, NOON))
                .when(new RecordPurchase(CUSTOMER, "o-1", amount, false, NOON))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        customer.given(customerRegistered(CUSTOMER), contacted(Valence.NEGATIVE, NOON))
                .when(new RecordPurchase(CUSTOMER, "o-2", amount, false, DAY_LATER))
                .expectEvents(new PurchaseRecorded(CUSTOMER, "o-2", amount, null, null, DAY_LATER),
                        atRisk(-1, DAY_LATER, NEGATIVE_BALANCE));
    }

    @Test
    @DisplayName("a loss ends the watch without a word (the loss says more); a reactivated customer is watched again")
    void lossAndReactivation() {
        customer.given(customerRegistered(CUSTOMER), contacted(Valence.NEGATIVE, NOON), atRisk(-1, NOON, NEGATIVE_BALANCE))
                .when(new LoseAccount(CUSTOMER, LossReason.COMPETITOR, null, DAY_LATER))
                .expectEvents(new AccountLost(CUSTOMER, LossReason.COMPETITOR, null, DAY_LATER));
        customer.given(customerRegistered(CUSTOMER), contacted(Valence.NEGATIVE, NOON), atRisk(-1, NOON, NEGATIVE_BALANCE),
                        new AccountLost(CUSTOMER, LossReason.COMPETITOR, null, DAY_LATER))
                .when(new ReactivateAccount(CUSTOMER, DAY_LATER))
                .expectEvents(new AccountReactivated(CUSTOMER, "REQUEST", DAY_LATER),
                        atRisk(-1, DAY_LATER, NEGATIVE_BALANCE));
    }

    private static Matcher<List<Message<?>>> onlyTouchpoint() {
        return payloadsMatching(exactSequenceOf(instanceOf(TouchpointRecorded.class), andNoMore()));
    }

    private static Matcher<List<Message<?>>> touchpointThen(Object next) {
        return payloadsMatching(exactSequenceOf(instanceOf(TouchpointRecorded.class), equalTo(next), andNoMore()));
    }
}
