package io.cxengine.journey.customer;

/**
 * A sign that a customer's history has turned against the company, before they leave ("prevention is always better"):
 * what the engine watches on every customer, and names when it records them at risk.
 */
public enum RiskSign {
    /** The moments of the last 90 days (up to the newest fact) weigh negative. */
    NEGATIVE_BALANCE,
    /** A complaint is still open after one of its standards (acknowledgement, a promised solution) was breached. */
    COMPLAINT_PAST_STANDARD,
    /** Two or more service standards were breached within 90 days. */
    REPEATED_BREACHES
}
