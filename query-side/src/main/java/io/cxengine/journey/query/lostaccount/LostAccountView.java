package io.cxengine.journey.query.lostaccount;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One lost account: the reason recorded at the loss, the reason the customer stated in the lost-account survey, and
 * the reasons the history reveals; what the company lost; the last moments before; and whether a win-back worked.
 */
public record LostAccountView(UUID customerId, Instant lostAt, String reason, String detail, String statedReason,
                              List<JourneyHistory.RevealedReason> revealedReasons, BigDecimal annualRevenue,
                              BigDecimal lifetimeValueLost, List<JourneyHistory.LastMoment> lastMoments,
                              Integer daysSinceLastPositiveMoment, Integer daysSilentBeforeLoss, int winBackAttempts,
                              Instant reactivatedAt, boolean wonBack) {
}
