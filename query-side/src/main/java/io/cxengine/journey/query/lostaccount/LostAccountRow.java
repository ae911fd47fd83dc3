package io.cxengine.journey.query.lostaccount;

import io.cxengine.journey.platform.pseudonym.Pseudonyms;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One row of {@code read_model.lost_account} as stored, without the loss detail, which no view shows. */
record LostAccountRow(UUID customerId, Instant lostAt, String reason, String statedReason,
                      List<JourneyHistory.RevealedReason> revealedReasons, BigDecimal annualRevenue,
                      BigDecimal lifetimeValueLost, List<JourneyHistory.LastMoment> lastMoments,
                      Integer daysSinceLastPositiveMoment, Integer daysSilentBeforeLoss, int winBackAttempts,
                      Instant reactivatedAt, boolean wonBack) {

    /** The one place a lost account becomes what analysts see: the pseudonym for the id, no moment summaries. */
    LostAccountView pseudonymised(Pseudonyms pseudonyms) {
        return new LostAccountView(pseudonyms.of(customerId).value(), lostAt, reason, statedReason, revealedReasons,
                annualRevenue, lifetimeValueLost,
                lastMoments.stream()
                        .map(moment -> new LostAccountView.LastMoment(moment.occurredAt(), moment.kind(), moment.valence()))
                        .toList(),
                daysSinceLastPositiveMoment, daysSilentBeforeLoss, winBackAttempts, reactivatedAt, wonBack);
    }
}
