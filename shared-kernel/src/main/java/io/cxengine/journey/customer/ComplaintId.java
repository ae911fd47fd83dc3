package io.cxengine.journey.customer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** One complaint, followed from filing to resolution. */
public record ComplaintId(@JsonValue UUID value) {

    /** Stored as the bare UUID, so that it reads back as itself wherever Axon keeps it as a plain object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ComplaintId {
        Objects.requireNonNull(value, "value");
    }

    public static ComplaintId of(String raw) {
        return new ComplaintId(UUID.fromString(raw));
    }

    public static ComplaintId random() {
        return new ComplaintId(RandomIds.next());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
