package io.cxengine.journey.query.analytics;

/** The questions analysts ask. */
final class AnalyticsQueries {

    private AnalyticsQueries() {
    }

    /** Complaints counted by category, channel or month. */
    record CountComplaints(String by) {
    }

    record FindComplaintHandling() {
    }

    record FindServiceStandardCompliance(String by) {
    }

    /** Compliance per version of each standard in the service standards book. */
    record FindComplianceByStandardVersion() {
    }

    /** The share of positive moments by channel or by interaction-cycle stage. */
    record RatePositiveMoments(String by) {
    }

    record CompareLossReasons() {
    }

    record FindRetention() {
    }

    /** What the company does not hear, estimated per month or year from what it counted. */
    record EstimateIceberg(String by) {
    }

    /** Resolved complaints against their customers' satisfaction and staying, by category, channel or resolution time. */
    record MeasureRecovery(String by) {
    }

    /** Conversations judged by the interaction cycle, by agent, channel or complaint category. */
    record JudgeConversations(String by) {
    }

    /** Agents' notes against the phrases to avoid. */
    record CountPhrasesToAvoid() {
    }

    /** Consent breaches by channel or by month. */
    record CountConsentBreaches(String by) {
    }
}
