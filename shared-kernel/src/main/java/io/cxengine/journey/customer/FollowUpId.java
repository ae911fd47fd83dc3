package io.cxengine.journey.customer;

import java.util.Objects;
import java.util.UUID;

/** One follow-up the company promised the customer. */
public record FollowUpId(UUID value) {

    public FollowUpId {
        Objects.requireNonNull(value, "value");
    }

    public static FollowUpId of(String raw) {
        return new FollowUpId(UUID.fromString(raw));
    }

    public static FollowUpId random() {
        return new FollowUpId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
