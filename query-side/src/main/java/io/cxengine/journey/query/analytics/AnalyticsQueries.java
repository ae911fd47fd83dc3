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

    /** The share of positive moments by channel or by interaction-cycle stage. */
    record RatePositiveMoments(String by) {
    }

    record CompareLossReasons() {
    }

    record FindRetention() {
    }
}
