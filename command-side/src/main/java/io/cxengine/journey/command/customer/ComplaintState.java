package io.cxengine.journey.command.customer;

import java.time.Instant;

/** Where one complaint stands in its lifecycle; it only moves forward, or back to open when reopened. */
sealed interface ComplaintState {

    /** When the complaint was filed: no later step may precede it. */
    Instant filedAt();

    default boolean resolved() {
        return this instanceof Resolved;
    }

    /** Filed, not yet acknowledged to the customer. */
    record Filed(Instant filedAt) implements ComplaintState {
    }

    /** Acknowledged, no solution proposed yet. */
    record Acknowledged(Instant filedAt) implements ComplaintState {
    }

    /** A solution is on the table. */
    record Proposed(Instant filedAt, String proposal) implements ComplaintState {
    }

    /** The customer agreed to the solution; the company may have promised a time. */
    record Agreed(Instant filedAt, String proposal, Instant promisedBy) implements ComplaintState {
    }

    record Resolved(Instant filedAt) implements ComplaintState {
    }

    /** Resolved once, open again: a new solution must be found. */
    record Reopened(Instant filedAt) implements ComplaintState {
    }
}
