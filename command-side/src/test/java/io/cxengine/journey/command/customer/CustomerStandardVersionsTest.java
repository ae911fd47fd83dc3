package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.RecordTouchpoint;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerEvent.ServiceStandardBreached;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.standards.ServiceStandardEvent.ServiceStandardChanged;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.cxengine.journey.command.customer.CustomerFixtures.CUSTOMER;
import static io.cxengine.journey.command.customer.CustomerFixtures.NOON;
import static io.cxengine.journey.command.customer.CustomerFixtures.STANDARDS;
import static io.cxengine.journey.command.customer.CustomerFixtures.TOUCHPOINT;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerFixture;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerRegistered;

/**
 * Service standards that change over time: every clock runs by the version of the book in force when it started, and
 * the fact that starts it names that version.
 */
class CustomerStandardVersionsTest {

    /** From a day after noon on: e-mails answered within 12 h instead of 24 h, calls within 30 s instead of 18 s. */
    private static final Instant CHANGED = NOON.plus(Duration.ofDays(1));

    private static FixtureConfiguration<Customer> customer() {
        List<ServiceStandardChanged> book = new ArrayList<>(StandardsInForce.opening(STANDARDS));
        book.add(new ServiceStandardChanged(ServiceStandard.EMAIL_RESPONSE, 2, Duration.ofHours(12).toSeconds(),
                CHANGED, "e-mail staffed around the clock"));
        book.add(new ServiceStandardChanged(ServiceStandard.PHONE_ANSWER, 2, 30, CHANGED, "five rings"));
        return customerFixture(StandardsInForce.of(STANDARDS, book));
    }

    private static RecordTouchpoint email(Instant at) {
        return new RecordTouchpoint(CUSTOMER, TOUCHPOINT, Channel.EMAIL, Direction.INBOUND, "order status",
                InteractionStage.UNDERSTANDING, Valence.NEUTRAL, "agent-7", null, null, null, null, false, null, at);
    }

    private static TouchpointRecorded emailRecorded(Instant at, Duration within, int version) {
        return new TouchpointRecorded(CUSTOMER, TOUCHPOINT, Channel.EMAIL, Direction.INBOUND, "order status",
                InteractionStage.UNDERSTANDING, Valence.NEUTRAL, "agent-7", TouchpointRecorded.IN_HOUSE, null, null,
                null, false, ServiceStandard.EMAIL_RESPONSE, at.plus(within), null, null, null, null,
                Map.of(ServiceStandard.EMAIL_RESPONSE, version), at);
    }

    private static RecordTouchpoint call(Instant at, int waitSeconds) {
        return new RecordTouchpoint(CUSTOMER, TOUCHPOINT, Channel.PHONE, Direction.INBOUND, "order status",
                InteractionStage.GREETING, Valence.POSITIVE, "agent-7", null, waitSeconds, 90, null, false, null, at);
    }

    private static TouchpointRecorded callRecorded(Instant at, int waitSeconds, int answerWithin, int version) {
        return new TouchpointRecorded(CUSTOMER, TOUCHPOINT, Channel.PHONE, Direction.INBOUND, "order status",
                InteractionStage.GREETING, Valence.POSITIVE, "agent-7", TouchpointRecorded.IN_HOUSE, waitSeconds, 90,
                null, false, null, null, null, answerWithin, null, null,
                Map.of(ServiceStandard.PHONE_ANSWER, version), at);
    }

    @Test
    @DisplayName("an e-mail that came in before the new version is due within the old limit, one after it within the new; each names its version")
    void judgedByTheVersionInForceAtItsStart() {
        Instant before = CHANGED.minus(Duration.ofMinutes(1));
        Instant after = CHANGED.plus(Duration.ofDays(1));
        customer().given(customerRegistered(CUSTOMER))
                .when(email(before))
                .expectEvents(emailRecorded(before, Duration.ofHours(24), 1));
        customer().given(customerRegistered(CUSTOMER))
                .when(email(after))
                .expectEvents(emailRecorded(after, Duration.ofHours(12), 2));
    }

    @Test
    @DisplayName("a clock running when the new version takes effect keeps the limit it started under: no breach at 13 h, the breach at 24 h")
    void standardChangedMidClock() {
        Instant started = CHANGED.minus(Duration.ofHours(1));
        customer().givenCurrentTime(started)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(email(started))
                .whenTimeElapses(Duration.ofHours(13))
                .expectNoEvents();
        Instant due = started.plus(Duration.ofHours(24));
        customer().givenCurrentTime(started)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(email(started))
                .whenTimeElapses(Duration.ofHours(25))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.listWithAnyOf(
                                org.axonframework.test.matchers.Matchers.equalTo(new ServiceStandardBreached(CUSTOMER,
                                        ServiceStandard.EMAIL_RESPONSE, TOUCHPOINT.toString(), started, due, due)))));
    }

    @Test
    @DisplayName("a call with a 25 s wait breaches three rings of 6 s, and meets the 30 s that replaced them later")
    void callJudgedByItsVersion() {
        customer().given(customerRegistered(CUSTOMER))
                .when(call(NOON, 25))
                .expectEvents(callRecorded(NOON, 25, 18, 1), new ServiceStandardBreached(CUSTOMER,
                        ServiceStandard.PHONE_ANSWER, TOUCHPOINT.toString(), NOON, NOON.plusSeconds(18),
                        NOON.plusSeconds(18)));
        Instant later = CHANGED.plus(Duration.ofHours(2));
        customer().given(customerRegistered(CUSTOMER))
                .when(call(later, 25))
                .expectEvents(callRecorded(later, 25, 30, 2));
    }
}
