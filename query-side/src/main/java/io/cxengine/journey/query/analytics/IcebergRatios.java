package io.cxengine.journey.query.analytics;

import io.cxengine.journey.query.analytics.AnalyticsViews.IcebergCounted;
import io.cxengine.journey.query.analytics.AnalyticsViews.IcebergEstimate;
import io.cxengine.journey.query.analytics.AnalyticsViews.IcebergRatio;
import io.cxengine.journey.query.analytics.AnalyticsViews.Range;

import java.math.BigDecimal;
import java.util.List;

/**
 * The seeds' reference ratios for what the company does not hear, and the estimates they give from what it counted.
 * They are the teaching material's figures, not measured here: every estimate is published with the ratio it used and
 * apart from the counted figures.
 */
final class IcebergRatios {

    /** "For every complaint there are 26 customers with the same concern." */
    static final int SILENT_PER_COMPLAINT = 26;
    /** "The average business never hears from 96% of its unhappy customers": 4 in 100 complain. */
    static final BigDecimal UNHAPPY_WHO_COMPLAIN = new BigDecimal("0.04");
    /** "An unhappy customer tells 8 to 16 people." */
    static final int UNHAPPY_TELL_LOW = 8;
    static final int UNHAPPY_TELL_HIGH = 16;
    /** "A happy customer tells 4 to 5." */
    static final int HAPPY_TELL_LOW = 4;
    static final int HAPPY_TELL_HIGH = 5;

    static final List<IcebergRatio> RATIOS = List.of(
            new IcebergRatio("silentPerComplaint", BigDecimal.valueOf(SILENT_PER_COMPLAINT),
                    "for every complaint there are 26 customers with the same concern"),
            new IcebergRatio("unhappyWhoComplain", UNHAPPY_WHO_COMPLAIN,
                    "the average business never hears from 96% of its unhappy customers"),
            new IcebergRatio("unhappyTellLow", BigDecimal.valueOf(UNHAPPY_TELL_LOW), "an unhappy customer tells 8 to 16 people"),
            new IcebergRatio("unhappyTellHigh", BigDecimal.valueOf(UNHAPPY_TELL_HIGH), "an unhappy customer tells 8 to 16 people"),
            new IcebergRatio("happyTellLow", BigDecimal.valueOf(HAPPY_TELL_LOW), "a happy customer tells 4 to 5 people"),
            new IcebergRatio("happyTellHigh", BigDecimal.valueOf(HAPPY_TELL_HIGH), "a happy customer tells 4 to 5 people"));

    private IcebergRatios() {
    }

    /** The estimates from one period's counts; a count that is suppressed (null) gives no estimate. */
    static IcebergEstimate estimate(IcebergCounted counted) {
        Long silent = counted.complaints() == null ? null : counted.complaints() * SILENT_PER_COMPLAINT;
        Long unhappy = counted.complainants() == null ? null
                : BigDecimal.valueOf(counted.complainants()).divide(UNHAPPY_WHO_COMPLAIN).longValueExact();
        return new IcebergEstimate(silent, unhappy,
                unhappy == null ? null : new Range(unhappy * UNHAPPY_TELL_LOW, unhappy * UNHAPPY_TELL_HIGH),
                counted.positiveSurveys() == null ? null
                        : new Range(counted.positiveSurveys() * HAPPY_TELL_LOW,
                        counted.positiveSurveys() * HAPPY_TELL_HIGH));
    }
}
