package io.cxengine.journey.query.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/** What a customer is worth, as pure functions: annual revenue, lifetime value, value tier and the qualifying matrix. */
public final class CustomerValue {

    private static final BigDecimal DAYS_PER_YEAR = new BigDecimal("365.25");

    private CustomerValue() {
    }

    /** Value tiers, from the most valuable customers (served first) to prospects who never bought. */
    public enum Tier {
        MOST_VALUABLE, VALUABLE, STANDARD, PROSPECT
    }

    /** The qualifying matrix: potential profitability × opportunity for adding value, and what to do. */
    public enum Quadrant {
        /** High profit, high opportunity: build a strong, lasting relationship. */
        BUILD_RELATIONSHIP,
        /** High profit, low opportunity: a loyalty-building programme. */
        LOYALTY_PROGRAMME,
        /** Low profit, high opportunity: a non-customised approach. */
        NON_CUSTOMISED,
        /** Low profit, low opportunity: seek better opportunities elsewhere. */
        SEEK_ELSEWHERE
    }

    /**
     * Annual revenue R: the revenue divided by the years between the first and the last purchase, counting at least
     * one year (a customer who bought only this year has an annual revenue equal to their revenue).
     */
    public static BigDecimal annualRevenue(BigDecimal revenue, Instant firstPurchase, Instant lastPurchase) {
        if (revenue == null || firstPurchase == null || lastPurchase == null) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal years = BigDecimal.valueOf(Duration.between(firstPurchase, lastPurchase).toDays())
                .divide(DAYS_PER_YEAR, MathContext.DECIMAL64);
        return revenue.divide(years.max(BigDecimal.ONE), 2, RoundingMode.HALF_UP);
    }

    /** CLV = Σ (t = 1..N) R / (1 + I)^t, rounded to cents. */
    public static BigDecimal lifetimeValue(BigDecimal annualRevenue, BigDecimal interestRate, int periods) {
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal discount = BigDecimal.ONE.add(interestRate);
        for (int t = 1; t <= periods; t++) {
            value = value.add(annualRevenue.divide(discount.pow(t), MathContext.DECIMAL64));
        }
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    public static Tier tier(BigDecimal annualRevenue, int purchases, ValueSettings settings) {
        if (purchases == 0) {
            return Tier.PROSPECT;
        }
        if (annualRevenue.compareTo(settings.mostValuableAnnualRevenue()) >= 0) {
            return Tier.MOST_VALUABLE;
        }
        return annualRevenue.compareTo(settings.highProfitAnnualRevenue()) >= 0 ? Tier.VALUABLE : Tier.STANDARD;
    }

    /**
     * The quadrant: profitable when the annual revenue reaches the high-profit threshold; an opportunity for adding
     * value when the relationship of the last 90 days is positive (the customer is engaged and well served).
     */
    public static Quadrant quadrant(BigDecimal annualRevenue, int recentBalance, ValueSettings settings) {
        boolean profitable = annualRevenue.compareTo(settings.highProfitAnnualRevenue()) >= 0;
        boolean opportunity = recentBalance > 0;
        if (profitable) {
            return opportunity ? Quadrant.BUILD_RELATIONSHIP : Quadrant.LOYALTY_PROGRAMME;
        }
        return opportunity ? Quadrant.NON_CUSTOMISED : Quadrant.SEEK_ELSEWHERE;
    }
}
