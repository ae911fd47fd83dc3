package io.cxengine.journey.query.analytics;

import java.math.BigDecimal;
import java.util.List;

/** The figures analysts read. A group below the minimum size is {@code suppressed}: its figures are left out. */
public final class AnalyticsViews {

    private AnalyticsViews() {
    }

    public record Count(String group, Long count, boolean suppressed) {
    }

    public record Counts(String by, int minGroupSize, List<Count> groups) {
    }

    /** Hours from filing to acknowledgement and to (first) resolution, median and 90th percentile. */
    public record Handling(String group, Long complaints, Double acknowledgeHoursP50, Double acknowledgeHoursP90,
                           Double resolveHoursP50, Double resolveHoursP90, boolean suppressed) {
    }

    public record HandlingFigures(int minGroupSize, Handling overall, List<Handling> byCategory) {
    }

    /**
     * Clocks that ran their course (due time passed), how many of them the engine recorded as breached, how many were
     * missed (breached, or due without a stop by the due time, even before the breach is recorded), and the share kept.
     */
    public record Compliance(String standard, String month, Long decided, Long breached, Long missed,
                             BigDecimal compliance, boolean suppressed) {
    }

    public record ComplianceFigures(String by, int minGroupSize, List<Compliance> standards) {
    }

    public record Ratio(String group, Long moments, Long positive, BigDecimal positiveRatio, boolean suppressed) {
    }

    public record Ratios(String by, int minGroupSize, List<Ratio> groups) {
    }

    /**
     * The share of losses per reason, as recorded and as stated, next to the reference distribution of why customers
     * leave ({@code LossReason#referencePercent}).
     */
    /**
     * One reason: losses recorded with it, surveys stating it, losses whose history reveals it (for the reasons a
     * history can show, else null), each with its share, next to the reference share.
     */
    public record Reason(String reason, int referencePercent, Long recorded, BigDecimal recordedPercent, Long stated,
                         BigDecimal statedPercent, Long revealed, BigDecimal revealedPercent, boolean suppressed) {
    }

    public record Reasons(int minGroupSize, Long losses, List<Reason> reasons) {
    }

    /** Customers by how their complaints were handled, and the share of them not lost. */
    public record Retention(String group, Long customers, Long retained, BigDecimal retention, boolean suppressed) {
    }

    public record RetentionFigures(int minGroupSize, String quickResolution, List<Retention> groups) {
    }
}
