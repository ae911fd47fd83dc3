package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.AttemptWinBack;
import io.cxengine.journey.command.customer.CustomerCommand.RecordTouchpoint;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerEvent.ConsentBreached;
import io.cxengine.journey.customer.CustomerEvent.ConsentGranted;
import io.cxengine.journey.customer.CustomerEvent.ConsentWithdrawn;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.CustomerEvent.WinBackAttempted;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.cxengine.journey.command.customer.CustomerFixtures.CUSTOMER;
import static io.cxengine.journey.command.customer.CustomerFixtures.NOON;
import static io.cxengine.journey.command.customer.CustomerFixtures.TOUCHPOINT;
import static io.cxengine.journey.command.customer.CustomerFixtures.accountLost;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerFixture;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerRegistered;
import static io.cxengine.journey.command.customer.CustomerFixtures.touchpointRecorded;

/** Contact only where welcome: an outbound contact without the customer's consent is recorded, with its breach. */
class CustomerConsentTest {

    private static final Instant LATER = NOON.plusSeconds(3600);
    private final FixtureConfiguration<Customer> customer = customerFixture();

    private static RecordTouchpoint outbound(TouchpointId touchpoint, Channel channel) {
        return new RecordTouchpoint(CUSTOMER, touchpoint, channel, Direction.OUTBOUND, "offer",
                InteractionStage.GREETING, Valence.NEUTRAL, "agent-7", null, null, 60, null, false, null, LATER);
    }

    private static TouchpointRecorded outboundRecorded(TouchpointId touchpoint, Channel channel,
                                                       ServiceStandard stops) {
        return new TouchpointRecorded(CUSTOMER, touchpoint, channel, Direction.OUTBOUND, "offer",
                InteractionStage.GREETING, Valence.NEUTRAL, "agent-7", TouchpointRecorded.IN_HOUSE, null, 60, null,
                false, null, null, stops, null, null, null, null, LATER);
    }

    @Test
    @DisplayName("an outbound contact over a channel never consented to is recorded, and so is its consent breach")
    void neverConsented() {
        customer.given(customerRegistered(CUSTOMER), new ConsentGranted(CUSTOMER, Channel.EMAIL, NOON))
                .when(outbound(TOUCHPOINT, Channel.MAIL))
                .expectEvents(outboundRecorded(TOUCHPOINT, Channel.MAIL, null),
                        new ConsentBreached(CUSTOMER, Channel.MAIL, TOUCHPOINT, LATER));
    }

    @Test
    @DisplayName("over a consented channel nothing is breached; after the consent is withdrawn, it is")
    void consentedThenWithdrawn() {
        customer.given(customerRegistered(CUSTOMER), new ConsentGranted(CUSTOMER, Channel.MAIL, NOON))
                .when(outbound(TOUCHPOINT, Channel.MAIL))
                .expectEvents(outboundRecorded(TOUCHPOINT, Channel.MAIL, null));
        customer.given(customerRegistered(CUSTOMER), new ConsentGranted(CUSTOMER, Channel.MAIL, NOON),
                        new ConsentWithdrawn(CUSTOMER, Channel.MAIL, NOON))
                .when(outbound(TOUCHPOINT, Channel.MAIL))
                .expectEvents(outboundRecorded(TOUCHPOINT, Channel.MAIL, null),
                        new ConsentBreached(CUSTOMER, Channel.MAIL, TOUCHPOINT, LATER));
    }

    @Test
    @DisplayName("answering the customer's own request (the call back they asked for) is welcome without consent")
    void answeringTheCustomer() {
        customer.given(customerRegistered(CUSTOMER))
                .andGivenCommands(new RecordTouchpoint(CUSTOMER, TouchpointId.random(), Channel.EMAIL,
                        Direction.INBOUND, "where is my order", null, Valence.NEUTRAL, null, null, null, null, null,
                        false, null, NOON))
                .when(outbound(TOUCHPOINT, Channel.EMAIL))
                .expectEvents(outboundRecorded(TOUCHPOINT, Channel.EMAIL, ServiceStandard.EMAIL_RESPONSE));
        // With nothing of the customer's to answer, the same e-mail is unwelcome.
        customer.given(customerRegistered(CUSTOMER))
                .when(outbound(TOUCHPOINT, Channel.EMAIL))
                .expectEvents(outboundRecorded(TOUCHPOINT, Channel.EMAIL, ServiceStandard.EMAIL_RESPONSE),
                        new ConsentBreached(CUSTOMER, Channel.EMAIL, TOUCHPOINT, LATER));
    }

    @Test
    @DisplayName("an answer over the channel the customer last used is welcome, clock or none, late or not; a second contact there is not")
    void answeringOverTheirChannel() {
        // A chat answered in the chat: no clock runs for chats.
        customer.given(customerRegistered(CUSTOMER))
                .andGivenCommands(new RecordTouchpoint(CUSTOMER, TouchpointId.random(), Channel.CHAT, Direction.INBOUND,
                        "where is my order", null, Valence.NEUTRAL, null, null, null, null, null, false, null, NOON))
                .when(outbound(TOUCHPOINT, Channel.CHAT))
                .expectEvents(outboundRecorded(TOUCHPOINT, Channel.CHAT, null));
        // A call back made after its clock ran out still answers the customer's call.
        customer.given(customerRegistered(CUSTOMER),
                        touchpointRecorded(TouchpointId.random(), Channel.PHONE, Direction.INBOUND, Valence.NEUTRAL, NOON))
                .when(outbound(TOUCHPOINT, Channel.PHONE))
                .expectEvents(outboundRecorded(TOUCHPOINT, Channel.PHONE, ServiceStandard.CALL_RETURN));
        // Once answered, the next unsolicited call over that channel needs consent again.
        customer.given(customerRegistered(CUSTOMER),
                        touchpointRecorded(TouchpointId.random(), Channel.PHONE, Direction.INBOUND, Valence.NEUTRAL, NOON),
                        outboundRecorded(TouchpointId.random(), Channel.PHONE, ServiceStandard.CALL_RETURN))
                .when(outbound(TOUCHPOINT, Channel.PHONE))
                .expectEvents(outboundRecorded(TOUCHPOINT, Channel.PHONE, ServiceStandard.CALL_RETURN),
                        new ConsentBreached(CUSTOMER, Channel.PHONE, TOUCHPOINT, LATER));
    }

    @Test
    @DisplayName("an inbound contact never breaches consent")
    void inbound() {
        customer.given(customerRegistered(CUSTOMER))
                .when(new RecordTouchpoint(CUSTOMER, TOUCHPOINT, Channel.CHAT, Direction.INBOUND, "question",
                        null, Valence.NEUTRAL, null, null, null, null, null, false, null, LATER))
                .expectEvents(new TouchpointRecorded(CUSTOMER, TOUCHPOINT, Channel.CHAT, Direction.INBOUND,
                        "question", null, Valence.NEUTRAL, null, TouchpointRecorded.IN_HOUSE, null, null, null, false,
                        null, null, null, null, null, null, null, LATER));
    }

    @Test
    @DisplayName("a win-back offer over a channel without consent breaches it too")
    void winBack() {
        customer.given(customerRegistered(CUSTOMER), accountLost(NOON))
                .when(new AttemptWinBack(CUSTOMER, "20% off", Channel.PHONE, LATER))
                .expectEvents(new WinBackAttempted(CUSTOMER, "20% off", Channel.PHONE, LATER),
                        new ConsentBreached(CUSTOMER, Channel.PHONE, null, LATER));
    }
}
