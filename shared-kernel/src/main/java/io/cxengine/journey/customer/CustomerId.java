package io.cxengine.journey.customer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Who a journey belongs to; the raw UUID is also the aggregate identifier in the event store. */
public record CustomerId(@JsonValue UUID value) {

    /** Stored as the bare UUID, so that it reads back as itself wherever Axon keeps it as a plain object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CustomerId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the raw form; Spring uses this for path variables. */
    public static CustomerId of(String raw) {
        return new CustomerId(UUID.fromString(raw));
    }

    public static CustomerId random() {
        return new CustomerId(RandomIds.next());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
