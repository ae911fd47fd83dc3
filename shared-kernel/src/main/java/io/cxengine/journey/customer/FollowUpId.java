package io.cxengine.journey.customer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** One follow-up the company promised the customer. */
public record FollowUpId(@JsonValue UUID value) {

    /** Stored as the bare UUID, so that it reads back as itself wherever Axon keeps it as a plain object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public FollowUpId {
        Objects.requireNonNull(value, "value");
    }

    public static FollowUpId of(String raw) {
        return new FollowUpId(UUID.fromString(raw));
    }

    public static FollowUpId random() {
        return new FollowUpId(RandomIds.next());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
