package io.cxengine.journey.customer;

/** How a moment of truth left the customer: every contact shapes their opinion of the whole company. */
public enum Valence {
    POSITIVE(1), NEUTRAL(0), NEGATIVE(-1);

    private final int weight;

    Valence(int weight) {
        this.weight = weight;
    }

    /** +1, 0 or -1: what the moment adds to the relationship balance. */
    public int weight() {
        return weight;
    }
}
