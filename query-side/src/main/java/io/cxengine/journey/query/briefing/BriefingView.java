package io.cxengine.journey.query.briefing;

import io.cxengine.journey.query.value.CustomerValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an agent needs before and during a contact: whom to greet and how to route, what is already known (don't ask
 * again), what is open and promised, the last three moments, how to reach the customer, the approach the history
 * suggests, and whether the engine has the customer at risk.
 */
public record BriefingView(UUID customerId, String greetingName, String fullName, CustomerValue.Tier tier,
                           boolean mostValuableCustomer, Routing routing, Known alreadyKnown,
                           List<BriefingState.OpenComplaint> openComplaints, List<BriefingState.Promise> promisesDue,
                           List<BriefingState.LastMoment> lastMoments, Reach reach, Scenario suggestedApproach,
                           Risk risk, long version) {

    /** How to route the contact: 1 is served first. */
    public record Routing(int priority, String reason) {
    }

    /** What nobody needs to ask the customer again. */
    public record Known(String email, String phone, Map<String, Map<String, String>> attributes) {
    }

    public record Reach(String declaredChannel, String observedChannel, List<String> consents) {
    }

    /**
     * The difficult-customer scenario the history points to (a very angry customer, or one the company made a mistake
     * with, …), the signs of it in the history, and the approach the agent is expected to take.
     */
    public record Scenario(String scenario, List<String> signs, String approach) {
    }

    /**
     * The engine's at-risk signal as last recorded: its signs (NEGATIVE_BALANCE, COMPLAINT_PAST_STANDARD,
     * REPEATED_BREACHES) and since when; none when the customer is not at risk. This contact may be the one that keeps
     * them.
     */
    public record Risk(List<String> signs, java.time.Instant since) {
    }
}
