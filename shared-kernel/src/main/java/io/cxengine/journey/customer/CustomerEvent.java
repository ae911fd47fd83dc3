package io.cxengine.journey.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Facts about one customer's journey, in the words the CX team uses.
 * <p>
 * The store records each record's class name and {@link Revision}, so renaming, moving or reshaping an event is a
 * schema change: bump the revision and add an upcaster. The time an event was recorded is the message timestamp; a
 * time the domain reasons about ({@code occurredAt}) is a field.
 */
public sealed interface CustomerEvent {

    CustomerId customerId();

    /** When it happened in the world, which may be long before it was recorded. */
    Instant occurredAt();

    /** The company recognised a new customer and opened their journey. */
    @Revision("1")
    record CustomerRegistered(CustomerId customerId, String name, String email, String phone,
                              IdentificationMethod identifiedVia, Instant occurredAt) implements CustomerEvent {
    }
}
