package io.cxengine.journey.customer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** One contact between the company and the customer. */
public record TouchpointId(@JsonValue UUID value) {

    /** Stored as the bare UUID, so that it reads back as itself wherever Axon keeps it as a plain object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TouchpointId {
        Objects.requireNonNull(value, "value");
    }

    public static TouchpointId of(String raw) {
        return new TouchpointId(UUID.fromString(raw));
    }

    public static TouchpointId random() {
        return new TouchpointId(RandomIds.next());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
