package io.cxengine.journey.query.profile;

import io.cxengine.journey.query.value.CustomerValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One customer's profile as agents and analysts read it.
 *
 * @param status              ACTIVE, AT_RISK (the last 90 days' moments weigh negative), LOST, REACTIVATED or FORGOTTEN
 * @param visitorTier         GUEST (known, not registered), REGISTERED (web registration or a purchase), CLIENT (returning:
 *                            two purchases or more)
 * @param attributes          what is known, by kind; special-category values are withheld
 * @param usualContactHours   the hours of day (UTC) in which the customer usually contacts the company, most used first
 * @param relationshipBalance the running sum of moment-of-truth valence (+1, 0, -1), overall and over the last 90 days
 * @param risk                the engine's at-risk signal as last recorded: its signs and since when; none when the
 *                            customer is not at risk
 * @param version             the sequence number of the customer's last event this profile reflects (the ETag)
 */
public record CustomerProfileView(UUID customerId, String name, String email, String phone, String identifiedVia,
                                  Instant registeredAt, String status, String visitorTier,
                                  Map<String, Map<String, String>> attributes, List<String> consents,
                                  PreferredChannel preferredChannel, List<Integer> usualContactHours,
                                  Value value, Balance relationshipBalance, int openComplaints, int pendingFollowUps,
                                  Instant lastContactAt, Satisfaction satisfaction, Instant lostAt,
                                  Instant reactivatedAt, Risk risk, long version) {

    /** The channel the customer says they prefer, and the one they actually use most for inbound contacts. */
    public record PreferredChannel(String declared, String observed) {
    }

    /** Purchases and what they make the customer worth. */
    public record Value(int purchases, BigDecimal revenue, String currency, BigDecimal annualRevenue,
                        BigDecimal lifetimeValue, CustomerValue.Tier tier, boolean mostValuableCustomer,
                        CustomerValue.Quadrant qualifyingQuadrant, Instant firstPurchaseAt, Instant lastPurchaseAt) {
    }

    public record Balance(int total, int last90Days) {
    }

    /** The signs of risk the engine last recorded (NEGATIVE_BALANCE, COMPLAINT_PAST_STANDARD, REPEATED_BREACHES). */
    public record Risk(List<String> signs, Instant since) {
    }

    /** The recent survey scores (oldest first) and where they are heading: IMPROVING, STABLE, DECLINING or UNKNOWN. */
    public record Satisfaction(List<ProfileRow.Survey> recent, String trend) {
    }
}
