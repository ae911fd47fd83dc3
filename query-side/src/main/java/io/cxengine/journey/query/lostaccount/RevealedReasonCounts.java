package io.cxengine.journey.query.lostaccount;

import io.cxengine.journey.customer.LossReason;

import java.util.Map;

/**
 * The losses, and for each reason of the reference a history can reveal, how many losses reveal it (one loss may
 * reveal both, so they need not add up).
 */
public record RevealedReasonCounts(long losses, Map<LossReason, Long> revealing) {

    /** Reasons a history can show: the company's indifference (silence) and dissatisfaction (what went wrong). */
    public static boolean revealable(LossReason reason) {
        return JourneyHistory.POINTS_TO.containsValue(reason);
    }
}
