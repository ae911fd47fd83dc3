package io.cxengine.journey.query.lostaccount;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One lost account as analysts read it: the customer's pseudonym, the reason recorded at the loss, the reason the
 * customer stated in the lost-account survey, and the reasons the history reveals; what the company lost; the kinds of
 * the last moments before; and whether a win-back worked. No customer id and no free text (the loss detail, what was
 * said in the last moments, the win-back offers).
 */
public record LostAccountView(String pseudonym, Instant lostAt, String reason, String statedReason,
                              List<JourneyHistory.RevealedReason> revealedReasons, BigDecimal annualRevenue,
                              BigDecimal lifetimeValueLost, List<LastMoment> lastMoments,
                              Integer daysSinceLastPositiveMoment, Integer daysSilentBeforeLoss, int winBackAttempts,
                              Instant reactivatedAt, boolean wonBack) {

    /** One of the moments just before the loss: when, what kind, and how it left the customer. */
    public record LastMoment(Instant occurredAt, String kind, String valence) {
    }
}
