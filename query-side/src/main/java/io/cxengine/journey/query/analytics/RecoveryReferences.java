package io.cxengine.journey.query.analytics;

import io.cxengine.journey.query.analytics.AnalyticsViews.RecoveryReference;
import io.cxengine.journey.query.analytics.AnalyticsViews.Retention;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The seeds' figures for what recovery is worth, set beside what the engine measured, per customer as the retention
 * figure groups them: the seeds' words, not the engine's measurement.
 */
final class RecoveryReferences {

    /** "Up to 70% of complaining customers stay if the complaint is resolved." */
    static final BigDecimal STAYED_WHEN_RESOLVED = new BigDecimal("0.70");
    /** "95% if it is resolved quickly." */
    static final BigDecimal STAYED_WHEN_RESOLVED_QUICKLY = new BigDecimal("0.95");
    /** "Customers whose complaint was resolved well are 8% more loyal than those who never complained." */
    static final BigDecimal MORE_LOYAL = new BigDecimal("0.08");

    private RecoveryReferences() {
    }

    /**
     * The three measured shares from the retention groups: stayed when resolved (quickly or slowly; an absent group
     * counts nought, a suppressed one withholds the share), stayed when resolved quickly, and how much more loyal those
     * resolved quickly are than those who never complained.
     */
    static List<RecoveryReference> measured(Map<String, Retention> retention) {
        Retention quickly = retention.get("RESOLVED_QUICKLY");
        Retention slowly = retention.get("RESOLVED_SLOWLY");
        Retention never = retention.get("NEVER_COMPLAINED");
        boolean withheld = quickly != null && quickly.suppressed() || slowly != null && slowly.suppressed();
        long customers = (shown(quickly) ? quickly.customers() : 0) + (shown(slowly) ? slowly.customers() : 0);
        long kept = (shown(quickly) ? quickly.retained() : 0) + (shown(slowly) ? slowly.retained() : 0);
        BigDecimal resolved = withheld ? null : AnalyticsTables.ratio(kept, customers);
        BigDecimal loyalty = shown(quickly) && shown(never) && never.retention().signum() > 0
                ? quickly.retention().divide(never.retention(), 4, RoundingMode.HALF_UP).subtract(BigDecimal.ONE)
                : null;
        return List.of(
                new RecoveryReference("stayedWhenResolved", resolved, STAYED_WHEN_RESOLVED,
                        "up to 70% of complaining customers stay if the complaint is resolved", resolved == null),
                new RecoveryReference("stayedWhenResolvedQuickly", shown(quickly) ? quickly.retention() : null,
                        STAYED_WHEN_RESOLVED_QUICKLY, "95% stay if it is resolved quickly", !shown(quickly)),
                new RecoveryReference("moreLoyalThanNeverComplained", loyalty, MORE_LOYAL,
                        "customers whose complaint was resolved well are 8% more loyal than those who never "
                                + "complained", loyalty == null));
    }

    private static boolean shown(Retention group) {
        return group != null && !group.suppressed();
    }
}
