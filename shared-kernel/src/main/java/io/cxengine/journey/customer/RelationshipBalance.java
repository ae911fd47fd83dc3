package io.cxengine.journey.customer;

import io.cxengine.journey.customer.CustomerEvent.*;

import java.time.Duration;

/**
 * How each fact leaves the customer, and so what it adds to the relationship balance: the one rule the timeline, the
 * profile, the briefing and the engine's at-risk watch all read. Moments of truth weigh +1, 0 or -1; registration,
 * attributes, consents, purchases, erasure and the at-risk signal itself are not moments and weigh nothing.
 */
public final class RelationshipBalance {

    /** The recent past the profile's status and the at-risk watch weigh: the last 90 days. */
    public static final Duration RECENT = Duration.ofDays(90);

    private RelationshipBalance() {
    }

    /** How the fact left the customer, or {@code null} when it is no moment or nothing tells. */
    public static Valence valence(CustomerEvent event) {
        if (event instanceof TouchpointRecorded e) {
            return e.valence();
        }
        if (event instanceof FollowUpCompleted e) {
            return e.valence();
        }
        if (event instanceof SatisfactionMeasured e) {
            return valence(e);
        }
        if (event instanceof ComplaintFiled || event instanceof ComplaintReopened || event instanceof FollowUpMissed
                || event instanceof ServiceStandardBreached || event instanceof AccountLost) {
            return Valence.NEGATIVE;
        }
        if (event instanceof SolutionAgreed || event instanceof ComplaintResolved
                || event instanceof AccountReactivated) {
            return Valence.POSITIVE;
        }
        if (event instanceof ComplaintAcknowledged || event instanceof SolutionProposed || event instanceof ApologyIssued
                || event instanceof FollowUpScheduled || event instanceof WinBackAttempted) {
            return Valence.NEUTRAL;
        }
        return null;
    }

    /** How a survey answer felt: CSAT 4-5 and NPS 9-10 positive; CSAT 1-2 and NPS 0-6 negative. */
    public static Valence valence(SatisfactionMeasured survey) {
        if (survey.score() == null) {
            return survey.kind() == SurveyKind.LOST_ACCOUNT ? Valence.NEGATIVE : Valence.NEUTRAL;
        }
        int score = survey.score();
        return switch (survey.kind()) {
            case NPS -> score >= 9 ? Valence.POSITIVE : score <= 6 ? Valence.NEGATIVE : Valence.NEUTRAL;
            default -> score >= 4 ? Valence.POSITIVE : score <= 2 ? Valence.NEGATIVE : Valence.NEUTRAL;
        };
    }

    /** +1, 0 or -1: what the fact adds to the relationship balance. */
    public static int weight(CustomerEvent event) {
        Valence valence = valence(event);
        return valence == null ? 0 : valence.weight();
    }
}
