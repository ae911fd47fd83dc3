package io.cxengine.journey.customer;

import java.util.Objects;
import java.util.UUID;

/** One contact between the company and the customer. */
public record TouchpointId(UUID value) {

    public TouchpointId {
        Objects.requireNonNull(value, "value");
    }

    public static TouchpointId of(String raw) {
        return new TouchpointId(UUID.fromString(raw));
    }

    public static TouchpointId random() {
        return new TouchpointId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
