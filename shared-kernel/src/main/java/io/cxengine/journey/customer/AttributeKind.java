package io.cxengine.journey.customer;

/** The three kinds of what is known about a customer. */
public enum AttributeKind {
    /** Age, income, ZIP code, occupation, household size, stage in the family life cycle, home ownership… */
    DEMOGRAPHIC,
    /** Lifestyle, needs, motives, attitudes, hobbies… */
    PSYCHOGRAPHIC,
    /** For business customers: employees, industry, retail/wholesale/service, opening hours… */
    FIRMOGRAPHIC
}
