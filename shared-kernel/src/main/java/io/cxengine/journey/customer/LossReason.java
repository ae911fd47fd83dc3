package io.cxengine.journey.customer;

/** Why customers quit, with the share of each in the reference distribution of the CX material. */
public enum LossReason {
    DIED(1), MOVED_AWAY(3), OTHER_RELATIONSHIP(5), COMPETITOR(9), DISSATISFIED(14), INDIFFERENCE(68), UNKNOWN(0);

    private final int referencePercent;

    LossReason(int referencePercent) {
        this.referencePercent = referencePercent;
    }

    /** The percentage of lost customers who quit for this reason in the reference distribution (0 for UNKNOWN). */
    public int referencePercent() {
        return referencePercent;
    }
}
