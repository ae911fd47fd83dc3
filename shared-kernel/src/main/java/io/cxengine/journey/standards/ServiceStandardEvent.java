package io.cxengine.journey.standards;

import io.cxengine.journey.customer.ServiceStandard;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Facts of the service standards book: the company's limits for the standards that have one of their own
 * ({@link ServiceStandard#hasOwnLimit()}), each version in force from its {@code effectiveFrom} until the next
 * version of the same standard. Who recorded a version is its provenance (the principal in the event's metadata);
 * when, its timestamp. Every clock is judged by the version in force when it started, and the fact that started it
 * names that version; a version never changes a clock that started before it.
 */
public sealed interface ServiceStandardEvent {

    /** The one book's aggregate identifier in the event store. */
    String BOOK = "service-standards";

    /**
     * A standard's limit as of {@code effectiveFrom}: version 1 is the limit the engine was configured with when the
     * book was opened (in force from the beginning, principal {@code system:configuration}); every later version was
     * recorded ahead of the time it took effect.
     *
     * @param version       1, 2, … per standard, in the order recorded, which is also the order they take effect
     * @param withinSeconds the limit: how long the standard's clock runs
     * @param reason        why the company set it
     */
    @Revision("1")
    record ServiceStandardChanged(ServiceStandard standard, int version, long withinSeconds, Instant effectiveFrom,
                                  String reason) implements ServiceStandardEvent {
    }
}
