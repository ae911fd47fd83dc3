package io.cxengine.journey.customer;

/** How much a complaint hurts the relationship. */
public enum Severity {
    LOW, MEDIUM, HIGH
}
