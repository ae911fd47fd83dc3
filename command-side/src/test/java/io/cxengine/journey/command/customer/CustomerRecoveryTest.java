package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.CompleteFollowUp;
import io.cxengine.journey.command.customer.CustomerCommand.IssueApology;
import io.cxengine.journey.command.customer.CustomerCommand.ScheduleFollowUp;
import io.cxengine.journey.customer.ApologyReason;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.ApologyIssued;
import io.cxengine.journey.customer.CustomerEvent.FollowUpCompleted;
import io.cxengine.journey.customer.CustomerEvent.FollowUpMissed;
import io.cxengine.journey.customer.CustomerEvent.FollowUpScheduled;
import io.cxengine.journey.customer.CustomerEvent.ServiceStandardBreached;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.customer.RiskSign;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.cxengine.journey.command.customer.CustomerFixtures.COMPLAINT;
import static io.cxengine.journey.command.customer.CustomerFixtures.CUSTOMER;
import static io.cxengine.journey.command.customer.CustomerFixtures.atRisk;
import static io.cxengine.journey.command.customer.CustomerFixtures.FOLLOW_UP;
import static io.cxengine.journey.command.customer.CustomerFixtures.NOON;
import static io.cxengine.journey.command.customer.CustomerFixtures.TOUCHPOINT;
import static io.cxengine.journey.command.customer.CustomerFixtures.complaintFiled;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerFixture;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerRegistered;
import static io.cxengine.journey.command.customer.CustomerFixtures.touchpointRecorded;

/** Apologies and follow-ups: the recovery steps after a bad moment. */
class CustomerRecoveryTest {

    private static final Instant DUE = NOON.plus(Duration.ofHours(24));
    private final FixtureConfiguration<Customer> customer = customerFixture();

    private static ScheduleFollowUp scheduleFollowUp(ComplaintId complaint, Instant due) {
        return new ScheduleFollowUp(CUSTOMER, FOLLOW_UP, due, Channel.PHONE, "check the refund", complaint, NOON);
    }

    @Test
    @DisplayName("an apology is issued for a filed complaint, or for a recorded touchpoint")
    void apologies() {
        customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON),
                        atRisk(-1, NOON, RiskSign.NEGATIVE_BALANCE))
                .when(new IssueApology(CUSTOMER, COMPLAINT, null, ApologyReason.MISTAKE, "agent-042", NOON))
                .expectEvents(new ApologyIssued(CUSTOMER, COMPLAINT, null, ApologyReason.MISTAKE, "agent-042", NOON));
        customer.given(customerRegistered(CUSTOMER),
                        touchpointRecorded(TOUCHPOINT, Channel.PHONE, Direction.INBOUND, Valence.NEGATIVE, NOON),
                        atRisk(-1, NOON, RiskSign.NEGATIVE_BALANCE))
                .when(new IssueApology(CUSTOMER, null, TOUCHPOINT, ApologyReason.WAIT, "agent-042", NOON))
                .expectEvents(new ApologyIssued(CUSTOMER, null, TOUCHPOINT, ApologyReason.WAIT, "agent-042", NOON));
    }

    @Test
    @DisplayName("an apology must refer to exactly one thing that exists")
    void apologyRefersToSomethingThatExists() {
        customer.given(customerRegistered(CUSTOMER))
                .when(new IssueApology(CUSTOMER, ComplaintId.random(), null, ApologyReason.MISTAKE, "agent", NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
        customer.given(customerRegistered(CUSTOMER))
                .when(new IssueApology(CUSTOMER, null, TouchpointId.random(), ApologyReason.WAIT, "agent", NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
        customer.given(customerRegistered(CUSTOMER))
                .when(new IssueApology(CUSTOMER, null, null, ApologyReason.EMPATHY, "agent", NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
        customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON),
                        touchpointRecorded(TOUCHPOINT, Channel.PHONE, Direction.INBOUND, Valence.NEGATIVE, NOON))
                .when(new IssueApology(CUSTOMER, COMPLAINT, TOUCHPOINT, ApologyReason.EMPATHY, "agent", NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
    }

    @Test
    @DisplayName("a follow-up is scheduled with its due time, about a complaint that exists")
    void schedulesFollowUp() {
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON),
                        atRisk(-1, NOON, RiskSign.NEGATIVE_BALANCE))
                .when(scheduleFollowUp(COMPLAINT, DUE))
                .expectEvents(new FollowUpScheduled(CUSTOMER, FOLLOW_UP, DUE, Channel.PHONE, "check the refund",
                        COMPLAINT, NOON))
                .expectScheduledDeadlineWithName(Duration.ofHours(24), Customer.SERVICE_STANDARD);
        customer.given(customerRegistered(CUSTOMER))
                .when(scheduleFollowUp(ComplaintId.random(), DUE))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
        customer.given(customerRegistered(CUSTOMER))
                .when(scheduleFollowUp(null, NOON.minusSeconds(60)))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
        customer.given(customerRegistered(CUSTOMER),
                        new FollowUpScheduled(CUSTOMER, FOLLOW_UP, DUE, Channel.PHONE, "check", null, NOON))
                .when(scheduleFollowUp(null, DUE))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
    }

    @Test
    @DisplayName("a follow-up that never happens is recorded as missed, and as a breach of the standard")
    void missedFollowUp() {
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(scheduleFollowUp(null, DUE))
                .whenTimeElapses(Duration.ofHours(25))
                .expectEvents(new FollowUpMissed(CUSTOMER, FOLLOW_UP, DUE, DUE),
                        new ServiceStandardBreached(CUSTOMER, ServiceStandard.FOLLOW_UP, FOLLOW_UP.toString(), NOON,
                                DUE, DUE),
                        atRisk(-2, DUE, RiskSign.NEGATIVE_BALANCE));
    }

    @Test
    @DisplayName("a follow-up completed in time cancels its deadline; nothing is missed")
    void completedInTime() {
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(scheduleFollowUp(null, DUE))
                .when(new CompleteFollowUp(CUSTOMER, FOLLOW_UP, "Refund confirmed", Valence.POSITIVE,
                        NOON.plus(Duration.ofHours(3))))
                .expectEvents(new FollowUpCompleted(CUSTOMER, FOLLOW_UP, "Refund confirmed", Valence.POSITIVE,
                        NOON.plus(Duration.ofHours(3))))
                .expectNoScheduledDeadlines();
        customer.givenCurrentTime(NOON)
                .andGiven(customerRegistered(CUSTOMER))
                .andGivenCommands(scheduleFollowUp(null, DUE), new CompleteFollowUp(CUSTOMER, FOLLOW_UP,
                        "Refund confirmed", Valence.POSITIVE, NOON.plus(Duration.ofHours(3))))
                .whenTimeElapses(Duration.ofHours(25))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a missed follow-up can still be completed late; a completed one not again; an unknown one not at all")
    void completion() {
        customer.given(customerRegistered(CUSTOMER),
                        new FollowUpScheduled(CUSTOMER, FOLLOW_UP, DUE, Channel.PHONE, "check", null, NOON),
                        new FollowUpMissed(CUSTOMER, FOLLOW_UP, DUE, DUE), atRisk(-1, DUE, RiskSign.NEGATIVE_BALANCE))
                .when(new CompleteFollowUp(CUSTOMER, FOLLOW_UP, "Late call", Valence.NEUTRAL, DUE.plusSeconds(3600)))
                .expectEvents(new FollowUpCompleted(CUSTOMER, FOLLOW_UP, "Late call", Valence.NEUTRAL,
                        DUE.plusSeconds(3600)));
        customer.given(customerRegistered(CUSTOMER),
                        new FollowUpScheduled(CUSTOMER, FOLLOW_UP, DUE, Channel.PHONE, "check", null, NOON),
                        new FollowUpCompleted(CUSTOMER, FOLLOW_UP, "Done", Valence.POSITIVE, NOON))
                .when(new CompleteFollowUp(CUSTOMER, FOLLOW_UP, "Again", Valence.POSITIVE, NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
        customer.given(customerRegistered(CUSTOMER))
                .when(new CompleteFollowUp(CUSTOMER, FollowUpId.random(), "Done", Valence.POSITIVE, NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
    }
}
