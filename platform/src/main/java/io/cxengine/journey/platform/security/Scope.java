package io.cxengine.journey.platform.security;

/** What a caller's token allows, one scope per kind of caller (see docs/security.md). */
public enum Scope {
    /** Systems that submit facts: contact centre, web shop, billing. */
    WRITE("journey.write"),
    /** Agents' desktops and CTI: caller lookup, briefing, identified profile and timeline. */
    AGENT("journey.agent"),
    /** Analysts: analytics and pseudonymised views, never a person. */
    ANALYZE("journey.analyze"),
    /** Auditors: complete histories, exports, verification, time travel, the access log. */
    AUDIT("journey.audit"),
    /** Operators: projections, metrics and info; no customer data. */
    ADMIN("journey.admin"),
    /** The privacy officer: erasure of a customer's personal data. */
    ERASE("journey.erase");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    /** The scope as tokens carry it, e.g. {@code journey.write}. */
    public String value() {
        return value;
    }

    /** The authority Spring Security grants for this scope. */
    String authority() {
        return "SCOPE_" + value;
    }
}
