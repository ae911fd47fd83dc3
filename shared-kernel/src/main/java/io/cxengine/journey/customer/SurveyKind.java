package io.cxengine.journey.customer;

/** The satisfaction measures the engine records, each with its own scale. */
public enum SurveyKind {
    /** Customer satisfaction, 1 (very dissatisfied) to 5 (very satisfied). */
    CSAT(1, 5),
    /** Net promoter score, 0 to 10. */
    NPS(0, 10),
    /** The lost-account survey: why a lost customer left. Its score, if any, is a CSAT-like 1 to 5. */
    LOST_ACCOUNT(1, 5);

    private final int lowest;
    private final int highest;

    SurveyKind(int lowest, int highest) {
        this.lowest = lowest;
        this.highest = highest;
    }

    public int lowest() {
        return lowest;
    }

    public int highest() {
        return highest;
    }

    public boolean inRange(int score) {
        return score >= lowest && score <= highest;
    }

    /** The score on a common scale: 0 for this kind's lowest, 1 for its highest. */
    public double scaled(int score) {
        return (double) (score - lowest) / (highest - lowest);
    }
}
