package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.RecordTouchpoint;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerEvent.ServiceStandardBreached;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.PhraseToAvoid;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.customer.RiskSign;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.cxengine.journey.command.customer.CustomerFixtures.CUSTOMER;
import static io.cxengine.journey.command.customer.CustomerFixtures.atRisk;
import static io.cxengine.journey.command.customer.CustomerFixtures.NOON;
import static io.cxengine.journey.command.customer.CustomerFixtures.TOUCHPOINT;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerFixture;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerRegistered;
import static io.cxengine.journey.command.customer.CustomerFixtures.touchpointRecorded;

class CustomerTouchpointTest {

    private static final Instant DAY_LATER = NOON.plus(Duration.ofHours(24));
    private final FixtureConfiguration<Customer> customer = customerFixture();

    private static RecordTouchpoint contact(TouchpointId touchpoint, Channel channel, Direction direction,
                                            boolean callbackRequested, Instant at) {
        return new RecordTouchpoint(CUSTOMER, touchpoint, channel, direction, "billing question",
                InteractionStage.UNDERSTANDING, Valence.NEGATIVE, "agent-042", null, 12, 300,
                "Double charge. I don't know why; I'll find out.", callbackRequested, "call-0042", at);
    }

    @Test
    @DisplayName("a contact is recorded as a moment of truth with all it says: its conversation, and the counts of the phrases to avoid in its note")
    void recordsTouchpoint() {
        customer.given(customerRegistered(CUSTOMER))
                .when(contact(TOUCHPOINT, Channel.FACE_TO_FACE, Direction.INBOUND, false, NOON))
                .expectEvents(new TouchpointRecorded(CUSTOMER, TOUCHPOINT, Channel.FACE_TO_FACE, Direction.INBOUND,
                        "billing question", InteractionStage.UNDERSTANDING, Valence.NEGATIVE, "agent-042", "in-house", 12, 300,
                        "Double charge. I don't know why; I'll find out.", false, null, null, null, null, "call-0042",
                        Map.of(PhraseToAvoid.I_DONT_KNOW, 1), null, NOON), atRisk(-1, NOON, RiskSign.NEGATIVE_BALANCE))
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("the same touchpoint id twice is refused")
    void touchpointRecordedOnce() {
        customer.given(customerRegistered(CUSTOMER),
                        touchpointRecorded(TOUCHPOINT, Channel.CHAT, Direction.INBOUND, Valence.NEUTRAL, NOON))
                .when(contact(TOUCHPOINT, Channel.CHAT, Direction.INBOUND, false, NOON))
                .expectNoEvents()
                .expectException(JourneyRuleViolation.class);
    }

    @Test
    @DisplayName("a call that asked for a call back and is not returned within 24 hours breaches the standard")
    void callNotReturned() {
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(contact(TOUCHPOINT, Channel.PHONE, Direction.INBOUND, true, NOON))
                .whenTimeElapses(Duration.ofHours(25))
                .expectEvents(new ServiceStandardBreached(CUSTOMER, ServiceStandard.CALL_RETURN, TOUCHPOINT.toString(),
                        NOON, DAY_LATER, DAY_LATER));
    }

    @Test
    @DisplayName("an inbound call with a call-back request records when it must be returned, and schedules it")
    void callBackClockStarts() {
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .when(contact(TOUCHPOINT, Channel.PHONE, Direction.INBOUND, true, NOON))
                .expectEvents(new TouchpointRecorded(CUSTOMER, TOUCHPOINT, Channel.PHONE, Direction.INBOUND,
                        "billing question", InteractionStage.UNDERSTANDING, Valence.NEGATIVE, "agent-042", "in-house", 12, 300,
                        "Double charge. I don't know why; I'll find out.", true, ServiceStandard.CALL_RETURN, DAY_LATER,
                        null, 18, "call-0042", Map.of(PhraseToAvoid.I_DONT_KNOW, 1),
                        Map.of(ServiceStandard.CALL_RETURN, 1, ServiceStandard.PHONE_ANSWER, 1), NOON),
                        atRisk(-1, NOON, RiskSign.NEGATIVE_BALANCE))
                .expectScheduledDeadlineWithName(Duration.ofHours(24), Customer.SERVICE_STANDARD);
    }

    @Test
    @DisplayName("a call returned in time stops the clock: the deadline is cancelled and nothing is breached")
    void callReturnedInTime() {
        TouchpointId callBack = TouchpointId.random();
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(contact(TOUCHPOINT, Channel.PHONE, Direction.INBOUND, true, NOON))
                .when(contact(callBack, Channel.PHONE, Direction.OUTBOUND, false, NOON.plus(Duration.ofHours(3))))
                .expectNoScheduledDeadlines();
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(contact(TOUCHPOINT, Channel.PHONE, Direction.INBOUND, true, NOON),
                        contact(callBack, Channel.PHONE, Direction.OUTBOUND, false, NOON.plus(Duration.ofHours(3))))
                .whenTimeElapses(Duration.ofHours(25))
                .expectNoEvents();
    }

    @Test
    @DisplayName("an inbound e-mail must be answered within 24 hours; an outbound e-mail answers it")
    void emailResponse() {
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(contact(TOUCHPOINT, Channel.EMAIL, Direction.INBOUND, false, NOON))
                .whenTimeElapses(Duration.ofHours(25))
                .expectEvents(new ServiceStandardBreached(CUSTOMER, ServiceStandard.EMAIL_RESPONSE,
                        TOUCHPOINT.toString(), NOON, DAY_LATER, DAY_LATER));
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(contact(TOUCHPOINT, Channel.EMAIL, Direction.INBOUND, false, NOON),
                        contact(TouchpointId.random(), Channel.EMAIL, Direction.OUTBOUND, false,
                                NOON.plus(Duration.ofHours(2))))
                .whenTimeElapses(Duration.ofHours(25))
                .expectNoEvents();
    }

    @Test
    @DisplayName("an outbound call does not answer an e-mail")
    void callDoesNotAnswerEmail() {
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(contact(TOUCHPOINT, Channel.EMAIL, Direction.INBOUND, false, NOON),
                        contact(TouchpointId.random(), Channel.PHONE, Direction.OUTBOUND, false,
                                NOON.plus(Duration.ofHours(2))))
                .whenTimeElapses(Duration.ofHours(25))
                .expectEvents(new ServiceStandardBreached(CUSTOMER, ServiceStandard.EMAIL_RESPONSE,
                        TOUCHPOINT.toString(), NOON, DAY_LATER, DAY_LATER));
    }

    @Test
    @DisplayName("which clocks a contact started and stopped is what its event says: a replay never decides it again")
    void clocksAsRecorded() {
        TouchpointId callBack = TouchpointId.random();
        // An outbound call recorded as stopping nothing (as under a rule in which it answered no clock).
        TouchpointRecorded answeredNothing = new TouchpointRecorded(CUSTOMER, callBack, Channel.PHONE,
                Direction.OUTBOUND, "billing question", InteractionStage.UNDERSTANDING, Valence.NEGATIVE, "agent-042",
                "in-house", 420, 300, null, false, null, null, null, null, null, null, null, NOON.plus(Duration.ofHours(3)));
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(contact(TOUCHPOINT, Channel.PHONE, Direction.INBOUND, true, NOON))
                .andGiven(answeredNothing)
                .whenTimeElapses(Duration.ofHours(25))
                .expectEvents(new ServiceStandardBreached(CUSTOMER, ServiceStandard.CALL_RETURN,
                        TOUCHPOINT.toString(), NOON, DAY_LATER, DAY_LATER));
        // The same call recorded as answering the call-return clocks stops the one running.
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(contact(TOUCHPOINT, Channel.PHONE, Direction.INBOUND, true, NOON))
                .andGiven(new TouchpointRecorded(CUSTOMER, callBack, Channel.PHONE, Direction.OUTBOUND,
                        "billing question", InteractionStage.UNDERSTANDING, Valence.NEGATIVE, "agent-042",
                        "in-house", 420, 300, null, false, null, null, ServiceStandard.CALL_RETURN, null, null, null, null,
                        NOON.plus(Duration.ofHours(3))))
                .whenTimeElapses(Duration.ofHours(25))
                .expectNoEvents();
    }
}
