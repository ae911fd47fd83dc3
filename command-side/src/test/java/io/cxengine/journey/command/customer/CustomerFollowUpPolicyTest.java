package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.ScheduleFollowUpWhereWelcome;
import io.cxengine.journey.command.customer.CustomerCommand.ScheduleFollowUpWhereWelcome.Occasion;
import io.cxengine.journey.customer.CustomerEvent.AccountLost;
import io.cxengine.journey.customer.CustomerEvent.AccountReactivated;
import io.cxengine.journey.customer.CustomerEvent.ComplaintReopened;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerEvent.ComplaintResolved;
import io.cxengine.journey.customer.CustomerEvent.ConsentGranted;
import io.cxengine.journey.customer.CustomerEvent.FollowUpScheduled;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.cxengine.journey.command.customer.CustomerFixtures.COMPLAINT;
import static io.cxengine.journey.command.customer.CustomerFixtures.CUSTOMER;
import static io.cxengine.journey.command.customer.CustomerFixtures.FOLLOW_UP;
import static io.cxengine.journey.command.customer.CustomerFixtures.NOON;
import static io.cxengine.journey.command.customer.CustomerFixtures.complaintFiled;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerFixture;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerRegistered;
import static io.cxengine.journey.command.customer.CustomerFixtures.touchpointRecorded;

/** A follow-up the engine promises on its own: only over a channel the customer welcomes, once, and not twice. */
class CustomerFollowUpPolicyTest {

    private static final Instant RESOLVED = NOON.plus(Duration.ofHours(5));
    private static final Instant DUE = RESOLVED.plus(Duration.ofDays(3));
    private final FixtureConfiguration<Customer> customer = customerFixture();

    private static ScheduleFollowUpWhereWelcome recoveryFollowUp() {
        return new ScheduleFollowUpWhereWelcome(CUSTOMER, FOLLOW_UP, Occasion.RESOLVED_COMPLAINT, DUE,
                "check that it holds", COMPLAINT, RESOLVED);
    }

    private static FollowUpScheduled scheduled(Channel channel) {
        return new FollowUpScheduled(CUSTOMER, FOLLOW_UP, DUE, channel, "check that it holds", COMPLAINT, RESOLVED);
    }

    @Test
    @DisplayName("it goes over the channel of the customer's latest inbound contact when they welcome it, and its clock runs")
    void latestInboundChannelWhenWelcome() {
        customer.givenCurrentTime(RESOLVED)
                .andGiven(customerRegistered(CUSTOMER), new ConsentGranted(CUSTOMER, Channel.EMAIL, NOON),
                        new ConsentGranted(CUSTOMER, Channel.PHONE, NOON),
                        touchpointRecorded(TouchpointId.random(), Channel.EMAIL, Direction.INBOUND, Valence.NEUTRAL, NOON),
                        complaintFiled(COMPLAINT, NOON), new ComplaintResolved(CUSTOMER, COMPLAINT, "refunded", RESOLVED))
                .when(recoveryFollowUp())
                .expectEvents(scheduled(Channel.EMAIL))
                .expectScheduledDeadlineWithName(Duration.ofDays(3), Customer.SERVICE_STANDARD);
    }

    @Test
    @DisplayName("else over the first channel they welcome; a channel they do not welcome is never used")
    void firstWelcomeChannel() {
        customer.given(customerRegistered(CUSTOMER), new ConsentGranted(CUSTOMER, Channel.MAIL, NOON),
                        touchpointRecorded(TouchpointId.random(), Channel.CHAT, Direction.INBOUND, Valence.NEUTRAL, NOON),
                        complaintFiled(COMPLAINT, NOON), new ComplaintResolved(CUSTOMER, COMPLAINT, "refunded", RESOLVED))
                .when(recoveryFollowUp())
                .expectEvents(scheduled(Channel.MAIL));
    }

    @Test
    @DisplayName("a customer who welcomes no channel is not contacted: nothing is recorded")
    void noWelcomeChannel() {
        customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON),
                        new ComplaintResolved(CUSTOMER, COMPLAINT, "refunded", RESOLVED))
                .when(recoveryFollowUp())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    @DisplayName("when the occasion is over by the time it is asked (the complaint reopened, the customer back), nothing is recorded")
    void occasionOver() {
        customer.given(customerRegistered(CUSTOMER), new ConsentGranted(CUSTOMER, Channel.PHONE, NOON),
                        complaintFiled(COMPLAINT, NOON), new ComplaintResolved(CUSTOMER, COMPLAINT, "refunded", RESOLVED),
                        new ComplaintReopened(CUSTOMER, COMPLAINT, "charged again", RESOLVED.plusSeconds(60)))
                .when(recoveryFollowUp())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        ScheduleFollowUpWhereWelcome survey = new ScheduleFollowUpWhereWelcome(CUSTOMER, FOLLOW_UP,
                Occasion.LOST_ACCOUNT, DUE, "lost-account survey", null, RESOLVED);
        customer.given(customerRegistered(CUSTOMER), new ConsentGranted(CUSTOMER, Channel.PHONE, NOON),
                        new AccountLost(CUSTOMER, LossReason.INDIFFERENCE, null, NOON),
                        new AccountReactivated(CUSTOMER, "REQUEST", NOON.plusSeconds(60)))
                .when(survey)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        customer.given(customerRegistered(CUSTOMER), new ConsentGranted(CUSTOMER, Channel.PHONE, NOON),
                        new AccountLost(CUSTOMER, LossReason.INDIFFERENCE, null, NOON))
                .when(survey)
                .expectEvents(new FollowUpScheduled(CUSTOMER, FOLLOW_UP, DUE, Channel.PHONE, "lost-account survey",
                        null, RESOLVED));
    }

    @Test
    @DisplayName("asked again, it records nothing; nor when somebody already promised a follow-up about the complaint")
    void once() {
        customer.given(customerRegistered(CUSTOMER), new ConsentGranted(CUSTOMER, Channel.PHONE, NOON),
                        complaintFiled(COMPLAINT, NOON), new ComplaintResolved(CUSTOMER, COMPLAINT, "refunded", RESOLVED),
                        scheduled(Channel.PHONE))
                .when(recoveryFollowUp())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        customer.given(customerRegistered(CUSTOMER), new ConsentGranted(CUSTOMER, Channel.PHONE, NOON),
                        complaintFiled(COMPLAINT, NOON), new ComplaintResolved(CUSTOMER, COMPLAINT, "refunded", RESOLVED),
                        new FollowUpScheduled(CUSTOMER, FollowUpId.random(), DUE, Channel.PHONE, "agent's own call",
                                COMPLAINT, RESOLVED))
                .when(recoveryFollowUp())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
