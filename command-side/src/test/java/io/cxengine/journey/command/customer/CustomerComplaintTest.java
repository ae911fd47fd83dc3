package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.AcknowledgeComplaint;
import io.cxengine.journey.command.customer.CustomerCommand.AgreeSolution;
import io.cxengine.journey.command.customer.CustomerCommand.FileComplaint;
import io.cxengine.journey.command.customer.CustomerCommand.ProposeSolution;
import io.cxengine.journey.command.customer.CustomerCommand.ReopenComplaint;
import io.cxengine.journey.command.customer.CustomerCommand.ResolveComplaint;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintCategory;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.ComplaintAcknowledged;
import io.cxengine.journey.customer.CustomerEvent.ComplaintFiled;
import io.cxengine.journey.customer.CustomerEvent.ComplaintReopened;
import io.cxengine.journey.customer.CustomerEvent.ComplaintResolved;
import io.cxengine.journey.customer.CustomerEvent.CustomerNoLongerAtRisk;
import io.cxengine.journey.customer.CustomerEvent.ServiceStandardBreached;
import io.cxengine.journey.customer.CustomerEvent.SolutionAgreed;
import io.cxengine.journey.customer.CustomerEvent.SolutionProposed;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.Severity;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.customer.RiskSign;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.time.Instant;

import static io.cxengine.journey.command.customer.CustomerFixtures.COMPLAINT;
import static io.cxengine.journey.command.customer.CustomerFixtures.CUSTOMER;
import static io.cxengine.journey.command.customer.CustomerFixtures.atRisk;
import static io.cxengine.journey.command.customer.CustomerFixtures.NOON;
import static io.cxengine.journey.command.customer.CustomerFixtures.TOUCHPOINT;
import static io.cxengine.journey.command.customer.CustomerFixtures.complaintFiled;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerFixture;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerRegistered;
import static io.cxengine.journey.command.customer.CustomerFixtures.touchpointRecorded;

class CustomerComplaintTest {

    private static final RiskSign NEGATIVE = RiskSign.NEGATIVE_BALANCE;
    private static final RiskSign PAST_STANDARD = RiskSign.COMPLAINT_PAST_STANDARD;

    private static final Instant DAY_LATER = NOON.plus(Duration.ofHours(24));
    private static final Instant LATER = NOON.plus(Duration.ofHours(2));
    private final FixtureConfiguration<Customer> customer = customerFixture();

    private static FileComplaint fileComplaint(TouchpointId touchpoint, Instant at) {
        return new FileComplaint(CUSTOMER, COMPLAINT, ComplaintCategory.BILLING_MISTAKE, null, "Charged twice",
                Severity.HIGH, touchpoint, at);
    }

    @Nested
    class Filing {

        @Test
        @DisplayName("a complaint is filed with the time by which it must be acknowledged")
        void files() {
            customer.givenCurrentTime(NOON)
                    .andGiven(customerRegistered(CUSTOMER),
                            touchpointRecorded(TOUCHPOINT, Channel.PHONE, Direction.INBOUND, Valence.NEGATIVE, NOON),
                            atRisk(-1, NOON, RiskSign.NEGATIVE_BALANCE))
                    .when(fileComplaint(TOUCHPOINT, NOON))
                    .expectEvents(new ComplaintFiled(CUSTOMER, COMPLAINT, ComplaintCategory.BILLING_MISTAKE, null,
                            "Charged twice", Severity.HIGH, TOUCHPOINT, DAY_LATER,
                            Map.of(io.cxengine.journey.customer.ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, 1), NOON))
                    .expectScheduledDeadlineWithName(Duration.ofHours(24), Customer.SERVICE_STANDARD);
        }

        @Test
        @DisplayName("a complaint about a touchpoint that was never recorded is refused")
        void unknownTouchpoint() {
            customer.given(customerRegistered(CUSTOMER))
                    .when(fileComplaint(TOUCHPOINT, NOON))
                    .expectNoEvents()
                    .expectException(JourneyRuleViolation.class);
        }

        @Test
        @DisplayName("the same complaint id twice is refused")
        void filedOnce() {
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON))
                    .when(fileComplaint(null, NOON))
                    .expectNoEvents()
                    .expectException(JourneyRuleViolation.class);
        }
    }

    @Nested
    class Lifecycle {

        @Test
        @DisplayName("the six-step recovery: acknowledge, propose, agree, resolve")
        void forward() {
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON), atRisk(-1, NOON, NEGATIVE))
                    .when(new AcknowledgeComplaint(CUSTOMER, COMPLAINT, LATER))
                    .expectEvents(new ComplaintAcknowledged(CUSTOMER, COMPLAINT, LATER));
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON), atRisk(-1, NOON, NEGATIVE),
                            new ComplaintAcknowledged(CUSTOMER, COMPLAINT, LATER))
                    .when(new ProposeSolution(CUSTOMER, COMPLAINT, "Refund", LATER))
                    .expectEvents(new SolutionProposed(CUSTOMER, COMPLAINT, "Refund", LATER));
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON), atRisk(-1, NOON, NEGATIVE),
                            new ComplaintAcknowledged(CUSTOMER, COMPLAINT, LATER),
                            new SolutionProposed(CUSTOMER, COMPLAINT, "Refund", LATER))
                    .when(new AgreeSolution(CUSTOMER, COMPLAINT, null, LATER))
                    .expectEvents(new SolutionAgreed(CUSTOMER, COMPLAINT, "Refund", null, LATER),
                            new CustomerNoLongerAtRisk(CUSTOMER, LATER))
                    .expectNoScheduledDeadlines();
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON), atRisk(-1, NOON, NEGATIVE),
                            new ComplaintAcknowledged(CUSTOMER, COMPLAINT, LATER),
                            new SolutionProposed(CUSTOMER, COMPLAINT, "Refund", LATER),
                            new SolutionAgreed(CUSTOMER, COMPLAINT, "Refund", null, LATER),
                            new CustomerNoLongerAtRisk(CUSTOMER, LATER))
                    .when(new ResolveComplaint(CUSTOMER, COMPLAINT, "Refunded", LATER))
                    .expectEvents(new ComplaintResolved(CUSTOMER, COMPLAINT, "Refunded", LATER));
        }

        @Test
        @DisplayName("a complaint is acknowledged once")
        void acknowledgedOnce() {
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON),
                            new ComplaintAcknowledged(CUSTOMER, COMPLAINT, LATER))
                    .when(new AcknowledgeComplaint(CUSTOMER, COMPLAINT, LATER))
                    .expectNoEvents()
                    .expectException(JourneyRuleViolation.class);
        }

        @Test
        @DisplayName("no proposal before the complaint is acknowledged")
        void noProposalBeforeAcknowledgement() {
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON))
                    .when(new ProposeSolution(CUSTOMER, COMPLAINT, "Refund", LATER))
                    .expectNoEvents()
                    .expectException(JourneyRuleViolation.class);
        }

        @Test
        @DisplayName("no agreement before a proposal")
        void noAgreementBeforeProposal() {
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON),
                            new ComplaintAcknowledged(CUSTOMER, COMPLAINT, LATER))
                    .when(new AgreeSolution(CUSTOMER, COMPLAINT, null, LATER))
                    .expectNoEvents()
                    .expectException(JourneyRuleViolation.class);
        }

        @Test
        @DisplayName("a promise cannot be due before it was made")
        void promiseInThePast() {
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON),
                            new ComplaintAcknowledged(CUSTOMER, COMPLAINT, LATER),
                            new SolutionProposed(CUSTOMER, COMPLAINT, "Refund", LATER))
                    .when(new AgreeSolution(CUSTOMER, COMPLAINT, NOON, LATER))
                    .expectNoEvents()
                    .expectException(JourneyRuleViolation.class);
        }

        @Test
        @DisplayName("a complaint is resolved once")
        void resolvedOnce() {
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON),
                            new ComplaintResolved(CUSTOMER, COMPLAINT, "Refunded", LATER))
                    .when(new ResolveComplaint(CUSTOMER, COMPLAINT, "Refunded again", LATER))
                    .expectNoEvents()
                    .expectException(JourneyRuleViolation.class);
        }

        @Test
        @DisplayName("only a resolved complaint can be reopened; then a new solution can be proposed")
        void reopening() {
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON), atRisk(-1, NOON, NEGATIVE))
                    .when(new ReopenComplaint(CUSTOMER, COMPLAINT, "Still charged", LATER))
                    .expectNoEvents()
                    .expectException(JourneyRuleViolation.class);
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON), atRisk(-1, NOON, NEGATIVE),
                            new ComplaintResolved(CUSTOMER, COMPLAINT, "Refunded", LATER),
                            new CustomerNoLongerAtRisk(CUSTOMER, LATER))
                    .when(new ReopenComplaint(CUSTOMER, COMPLAINT, "Still charged", LATER))
                    .expectEvents(new ComplaintReopened(CUSTOMER, COMPLAINT, "Still charged", LATER),
                            atRisk(-1, LATER, NEGATIVE));
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON), atRisk(-1, NOON, NEGATIVE),
                            new ComplaintResolved(CUSTOMER, COMPLAINT, "Refunded", LATER),
                            new CustomerNoLongerAtRisk(CUSTOMER, LATER),
                            new ComplaintReopened(CUSTOMER, COMPLAINT, "Still charged", LATER),
                            atRisk(-1, LATER, NEGATIVE))
                    .when(new ProposeSolution(CUSTOMER, COMPLAINT, "Refund by bank transfer", LATER))
                    .expectEvents(new SolutionProposed(CUSTOMER, COMPLAINT, "Refund by bank transfer", LATER));
        }

        @Test
        @DisplayName("steps of an unknown complaint, or before the complaint was filed, are refused")
        void unknownOrTooEarly() {
            customer.given(customerRegistered(CUSTOMER))
                    .when(new AcknowledgeComplaint(CUSTOMER, ComplaintId.random(), LATER))
                    .expectNoEvents()
                    .expectException(JourneyRuleViolation.class);
            customer.given(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON))
                    .when(new AcknowledgeComplaint(CUSTOMER, COMPLAINT, NOON.minusSeconds(1)))
                    .expectNoEvents()
                    .expectException(JourneyRuleViolation.class);
        }
    }

    @Nested
    class ServiceStandards {

        @Test
        @DisplayName("a complaint not acknowledged within 24 hours breaches the acknowledgement standard")
        void notAcknowledged() {
            customer.givenCurrentTime(NOON)
                    .andGiven(customerRegistered(CUSTOMER))
                    .andGivenCommands(fileComplaint(null, NOON))
                    .whenTimeElapses(Duration.ofHours(25))
                    .expectEvents(new ServiceStandardBreached(CUSTOMER, ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT,
                            COMPLAINT.toString(), NOON, DAY_LATER, DAY_LATER),
                            atRisk(-2, DAY_LATER, NEGATIVE, PAST_STANDARD));
        }

        @Test
        @DisplayName("acknowledging in time cancels the deadline, and nothing is breached")
        void acknowledgedInTime() {
            customer.givenCurrentTime(NOON)
                    .andGiven(customerRegistered(CUSTOMER))
                    .andGivenCommands(fileComplaint(null, NOON))
                    .when(new AcknowledgeComplaint(CUSTOMER, COMPLAINT, LATER))
                    .expectEvents(new ComplaintAcknowledged(CUSTOMER, COMPLAINT, LATER))
                    .expectNoScheduledDeadlines();
            customer.givenCurrentTime(NOON)
                    .andGiven(customerRegistered(CUSTOMER))
                    .andGivenCommands(fileComplaint(null, NOON), new AcknowledgeComplaint(CUSTOMER, COMPLAINT, LATER))
                    .whenTimeElapses(Duration.ofHours(25))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("resolving without a separate acknowledgement also stops the acknowledgement clock")
        void resolutionStopsAcknowledgementClock() {
            customer.givenCurrentTime(NOON)
                    .andGiven(customerRegistered(CUSTOMER))
                    .andGivenCommands(fileComplaint(null, NOON), new ResolveComplaint(CUSTOMER, COMPLAINT, "Fixed", LATER))
                    .whenTimeElapses(Duration.ofHours(25))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a solution promised by a time and not delivered by then breaches the promised-solution standard")
        void promiseBroken() {
            Instant promisedBy = NOON.plus(Duration.ofHours(48));
            customer.givenCurrentTime(NOON)
                    .andGiven(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON),
                            new ComplaintAcknowledged(CUSTOMER, COMPLAINT, NOON),
                            new SolutionProposed(CUSTOMER, COMPLAINT, "Refund", NOON))
                    .andGivenCommands(new AgreeSolution(CUSTOMER, COMPLAINT, promisedBy, NOON))
                    .whenTimeElapses(Duration.ofHours(49))
                    .expectEvents(new ServiceStandardBreached(CUSTOMER, ServiceStandard.PROMISED_SOLUTION,
                            COMPLAINT.toString(), NOON, promisedBy, promisedBy),
                            atRisk(-1, promisedBy, NEGATIVE, PAST_STANDARD));
        }

        @Test
        @DisplayName("a promised solution delivered in time breaches nothing")
        void promiseKept() {
            Instant promisedBy = NOON.plus(Duration.ofHours(48));
            customer.givenCurrentTime(NOON)
                    .andGiven(customerRegistered(CUSTOMER), complaintFiled(COMPLAINT, NOON),
                            new ComplaintAcknowledged(CUSTOMER, COMPLAINT, NOON),
                            new SolutionProposed(CUSTOMER, COMPLAINT, "Refund", NOON))
                    .andGivenCommands(new AgreeSolution(CUSTOMER, COMPLAINT, promisedBy, NOON),
                            new ResolveComplaint(CUSTOMER, COMPLAINT, "Refunded", NOON.plus(Duration.ofHours(20))))
                    .whenTimeElapses(Duration.ofHours(49))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a complaint logged late, already past its window, is checked only after a grace period")
        void lateLoggedComplaint() {
            Instant twoDaysAgo = NOON.minus(Duration.ofHours(48));
            customer.givenCurrentTime(NOON)
                    .andGiven(customerRegistered(CUSTOMER))
                    .when(fileComplaint(null, twoDaysAgo))
                    .expectScheduledDeadlineWithName(Duration.ofMinutes(5), Customer.SERVICE_STANDARD);
            customerFixture().givenCurrentTime(NOON)
                    .andGiven(customerRegistered(CUSTOMER))
                    .andGivenCommands(fileComplaint(null, twoDaysAgo),
                            new AcknowledgeComplaint(CUSTOMER, COMPLAINT, twoDaysAgo.plus(Duration.ofHours(3))))
                    .whenTimeElapses(Duration.ofMinutes(6))
                    .expectNoEvents();
        }
    }
}
