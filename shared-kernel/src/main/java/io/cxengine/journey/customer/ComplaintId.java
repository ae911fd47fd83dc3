package io.cxengine.journey.customer;

import java.util.Objects;
import java.util.UUID;

/** One complaint, followed from filing to resolution. */
public record ComplaintId(UUID value) {

    public ComplaintId {
        Objects.requireNonNull(value, "value");
    }

    public static ComplaintId of(String raw) {
        return new ComplaintId(UUID.fromString(raw));
    }

    public static ComplaintId random() {
        return new ComplaintId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
