package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.FulfilOrder;
import io.cxengine.journey.command.customer.CustomerCommand.RecordPurchase;
import io.cxengine.journey.command.customer.CustomerCommand.RecordTouchpoint;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerEvent.OrderFulfilled;
import io.cxengine.journey.customer.CustomerEvent.PurchaseRecorded;
import io.cxengine.journey.customer.CustomerEvent.ServiceStandardBreached;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.RiskSign;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.cxengine.journey.command.customer.CustomerFixtures.CUSTOMER;
import static io.cxengine.journey.command.customer.CustomerFixtures.NOON;
import static io.cxengine.journey.command.customer.CustomerFixtures.TOUCHPOINT;
import static io.cxengine.journey.command.customer.CustomerFixtures.atRisk;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerFixture;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerRegistered;

/** The seeds' two standards the journey did not keep before: three rings, and one day to fill an order. */
class CustomerSeedStandardsTest {

    private static final Money AMOUNT = Money.of("25.00", "EUR");
    private static final Instant DAY_LATER = NOON.plus(Duration.ofDays(1));
    private final FixtureConfiguration<Customer> customer = customerFixture();

    private static RecordTouchpoint call(Direction direction, Integer waitSeconds) {
        return new RecordTouchpoint(CUSTOMER, TOUCHPOINT, Channel.PHONE, direction, "order status",
                InteractionStage.GREETING, Valence.POSITIVE, "agent-7", null, waitSeconds, 90, null, false, null, NOON);
    }

    private static TouchpointRecorded callRecorded(Integer waitSeconds, Integer answerWithin) {
        return new TouchpointRecorded(CUSTOMER, TOUCHPOINT, Channel.PHONE, Direction.INBOUND, "order status",
                InteractionStage.GREETING, Valence.POSITIVE, "agent-7", TouchpointRecorded.IN_HOUSE, waitSeconds, 90,
                null, false, null, null, null, answerWithin, null, null,
                answerWithin == null ? null : Map.of(ServiceStandard.PHONE_ANSWER, 1), NOON);
    }

    @Test
    @DisplayName("an inbound call answered within three rings (18 s) meets the standard; the event says by which limit")
    void answeredWithinThreeRings() {
        customer.given(customerRegistered(CUSTOMER))
                .when(call(Direction.INBOUND, 18))
                .expectEvents(callRecorded(18, 18))
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("an inbound call answered after the third ring breaches the standard when it is recorded")
    void answeredLate() {
        Instant thirdRingOver = NOON.plusSeconds(18);
        customer.given(customerRegistered(CUSTOMER))
                .when(call(Direction.INBOUND, 19))
                .expectEvents(callRecorded(19, 18), new ServiceStandardBreached(CUSTOMER, ServiceStandard.PHONE_ANSWER,
                        TOUCHPOINT.toString(), NOON, thirdRingOver, thirdRingOver))
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("the ring time and the number of rings are configurable: four rings of 5 s allow a 20 s wait")
    void ringTimeConfigurable() {
        ServiceStandards fourShortRings = new ServiceStandards(null, null, null, Duration.ofSeconds(5), 4, null, null);
        customerFixture(fourShortRings).given(customerRegistered(CUSTOMER))
                .when(call(Direction.INBOUND, 20))
                .expectEvents(callRecorded(20, 20));
        customerFixture(fourShortRings).given(customerRegistered(CUSTOMER))
                .when(call(Direction.INBOUND, 21))
                .expectEvents(callRecorded(21, 20), new ServiceStandardBreached(CUSTOMER, ServiceStandard.PHONE_ANSWER,
                        TOUCHPOINT.toString(), NOON, NOON.plusSeconds(20), NOON.plusSeconds(20)));
    }

    @Test
    @DisplayName("a call without the caller's wait, or an outbound call, is not judged")
    void notJudged() {
        customer.given(customerRegistered(CUSTOMER))
                .when(call(Direction.INBOUND, null))
                .expectEvents(callRecorded(null, null));
    }

    @Test
    @DisplayName("an order awaiting fulfilment must be filled within a day of receipt: filled in time, nothing breaches")
    void orderFilledInTime() {
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .when(new RecordPurchase(CUSTOMER, "536365", AMOUNT, true, NOON))
                .expectEvents(new PurchaseRecorded(CUSTOMER, "536365", AMOUNT, DAY_LATER,
                        Map.of(ServiceStandard.ORDER_FULFILMENT, 1), NOON))
                .expectScheduledDeadlineWithName(Duration.ofDays(1), Customer.SERVICE_STANDARD);
        customerFixture().givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(new RecordPurchase(CUSTOMER, "536365", AMOUNT, true, NOON))
                .andGivenCommands(new FulfilOrder(CUSTOMER, "536365", NOON.plus(Duration.ofHours(20))))
                .whenTimeElapses(Duration.ofDays(2))
                .expectNoEvents();
    }

    @Test
    @DisplayName("an order not filled within a day breaches; filled later, it is still recorded")
    void orderFilledLate() {
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(new RecordPurchase(CUSTOMER, "536365", AMOUNT, true, NOON))
                .whenTimeElapses(Duration.ofHours(25))
                .expectEvents(new ServiceStandardBreached(CUSTOMER, ServiceStandard.ORDER_FULFILMENT, "536365", NOON,
                        DAY_LATER, DAY_LATER), atRisk(-1, DAY_LATER, RiskSign.NEGATIVE_BALANCE));
        customerFixture().given(customerRegistered(CUSTOMER), new PurchaseRecorded(CUSTOMER, "536365", AMOUNT, DAY_LATER,
                        Map.of(ServiceStandard.ORDER_FULFILMENT, 1), NOON),
                        new ServiceStandardBreached(CUSTOMER, ServiceStandard.ORDER_FULFILMENT, "536365", NOON,
                                DAY_LATER, DAY_LATER), atRisk(-1, DAY_LATER, RiskSign.NEGATIVE_BALANCE))
                .when(new FulfilOrder(CUSTOMER, "536365", DAY_LATER.plusSeconds(3600)))
                .expectEvents(new OrderFulfilled(CUSTOMER, "536365", DAY_LATER.plusSeconds(3600)));
    }

    @Test
    @DisplayName("an order handed over on the spot starts no clock, and awaits no fulfilment")
    void orderNotAwaiting() {
        customer.given(customerRegistered(CUSTOMER))
                .when(new RecordPurchase(CUSTOMER, "536365", AMOUNT, false, NOON))
                .expectEvents(new PurchaseRecorded(CUSTOMER, "536365", AMOUNT, null, null, NOON))
                .expectNoScheduledDeadlines();
        customer.given(customerRegistered(CUSTOMER), new PurchaseRecorded(CUSTOMER, "536365", AMOUNT, null, null, NOON))
                .when(new FulfilOrder(CUSTOMER, "536365", DAY_LATER))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
    }

    @Test
    @DisplayName("an order is filled once, after its receipt, and only if it was recorded")
    void fulfilmentRules() {
        customer.given(customerRegistered(CUSTOMER), new PurchaseRecorded(CUSTOMER, "536365", AMOUNT, DAY_LATER,
                        Map.of(ServiceStandard.ORDER_FULFILMENT, 1), NOON),
                        new OrderFulfilled(CUSTOMER, "536365", NOON.plusSeconds(60)))
                .when(new FulfilOrder(CUSTOMER, "536365", NOON.plusSeconds(120)))
                .expectNoEvents().expectExceptionMessage(org.hamcrest.Matchers.containsString("awaits no fulfilment"));
        customer.given(customerRegistered(CUSTOMER), new PurchaseRecorded(CUSTOMER, "536365", AMOUNT, DAY_LATER,
                        Map.of(ServiceStandard.ORDER_FULFILMENT, 1), NOON))
                .when(new FulfilOrder(CUSTOMER, "536365", NOON.minusSeconds(1)))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
        customer.given(customerRegistered(CUSTOMER))
                .when(new FulfilOrder(CUSTOMER, "no-such-order", NOON))
                .expectNoEvents().expectException(UnknownReference.class);
    }
}
