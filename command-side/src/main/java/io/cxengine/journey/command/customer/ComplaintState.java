package io.cxengine.journey.command.customer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;

/** Where one complaint stands in its lifecycle; it only moves forward, or back to open when reopened. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "lifecycle")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ComplaintState.Filed.class, name = "FILED"),
        @JsonSubTypes.Type(value = ComplaintState.Acknowledged.class, name = "ACKNOWLEDGED"),
        @JsonSubTypes.Type(value = ComplaintState.Proposed.class, name = "PROPOSED"),
        @JsonSubTypes.Type(value = ComplaintState.Agreed.class, name = "AGREED"),
        @JsonSubTypes.Type(value = ComplaintState.Resolved.class, name = "RESOLVED"),
        @JsonSubTypes.Type(value = ComplaintState.Reopened.class, name = "REOPENED")})
sealed interface ComplaintState {

    /** When the complaint was filed: no later step may precede it. */
    Instant filedAt();

    @JsonIgnore
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
