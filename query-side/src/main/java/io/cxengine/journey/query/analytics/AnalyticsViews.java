package io.cxengine.journey.query.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    /**
     * Compliance of the clocks that ran under one version of a standard (the version in force when each started):
     * the version as the service standards book recorded it (null for clocks started before the book, with no limit,
     * effective time or reason), and the clocks decided, breached and missed under it.
     */
    public record VersionCompliance(String standard, Integer version, String within, Instant effectiveFrom,
                                    String reason, String recordedBy, Long decided, Long breached, Long missed,
                                    BigDecimal compliance, boolean suppressed) {
    }

    public record VersionComplianceFigures(int minGroupSize, List<VersionCompliance> versions) {
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

    /** Contacts over a channel the customer had not consented to, and how many customers they reached. */
    public record ConsentBreaches(String group, Long breaches, Long customers, boolean suppressed) {
    }

    public record ConsentBreachFigures(String by, int minGroupSize, List<ConsentBreaches> groups) {
    }

    /**
     * Resolved complaints of a group: how many, how many customers stayed after the resolution, and, over those whose
     * customer answered a survey both before the complaint and after its resolution ({@code paired}), the mean
     * satisfaction before (the customer's own baseline), after, and the change; scores scaled to 0..1.
     */
    public record Recovery(String group, Long resolved, Long stayed, BigDecimal stayedShare, Long paired,
                           BigDecimal baseline, BigDecimal after, BigDecimal change, boolean suppressed) {
    }

    /** A measured share next to the seeds' reference for it, with the reference's words. */
    public record RecoveryReference(String name, BigDecimal measured, BigDecimal reference, String source,
                                    boolean suppressed) {
    }

    public record RecoveryFigures(String by, int minGroupSize, String quickResolution, List<Recovery> groups,
                                  List<RecoveryReference> reference) {
    }

    /**
     * Conversations of a group: how many; per interaction-cycle stage, how many reached it and how many skipped it
     * (reached a later stage without it); how many reached closing and their share; the share that ended on a positive
     * and on a negative contact.
     */
    public record Conversations(String group, Long conversations, Map<String, Long> reached, Map<String, Long> skipped,
                                Long closed, BigDecimal closedShare, BigDecimal endedPositive,
                                BigDecimal endedNegative, boolean suppressed) {
    }

    public record ConversationFigures(String by, int minGroupSize, List<Conversations> groups) {
    }

    /** One agent's notes against the phrases to avoid: notes checked, those that used any, and the uses of each. */
    public record PhrasesUsed(String agent, Long notesChecked, Long notesUsingAny, BigDecimal share,
                              Map<String, Long> uses, boolean suppressed) {
    }

    /** What each phrase to avoid is, and what to say instead. */
    public record Phrase(String phrase, String words, String instead) {
    }

    public record PhraseFigures(int minGroupSize, List<Phrase> phrases, List<PhrasesUsed> agents) {
    }

    /** A reference ratio of the seeds, with its words. */
    public record IcebergRatio(String name, BigDecimal value, String source) {
    }

    public record Range(Long low, Long high) {
    }

    /**
     * What was counted in a period: complaints filed, the customers who filed them, positive survey answers. A count
     * that would single customers out is null.
     */
    public record IcebergCounted(Long complaints, Long complainants, Long positiveSurveys) {
    }

    /**
     * Estimates, not counts: customers with the same concerns who did not complain (complaints x 26), unhappy
     * customers (complainants / 0.04), and how many people they and the happy ones tell (x 8-16, x 4-5).
     */
    public record IcebergEstimate(Long silentWithSameConcern, Long unhappyCustomers, Range negativeWordOfMouth,
                                  Range positiveWordOfMouth) {
    }

    public record IcebergPeriod(String period, IcebergCounted counted, IcebergEstimate estimated) {
    }

    public record Iceberg(String by, int minGroupSize, String note, List<IcebergRatio> ratios,
                          List<IcebergPeriod> periods) {
    }

    /** Customers by how their complaints were handled, and the share of them not lost. */
    public record Retention(String group, Long customers, Long retained, BigDecimal retention, boolean suppressed) {
    }

    public record RetentionFigures(int minGroupSize, String quickResolution, List<Retention> groups) {
    }
}
