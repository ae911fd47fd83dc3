package io.cxengine.journey.platform.eventstore;

import io.cxengine.journey.customer.RandomIds;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's identifiers (of events, and of the result message it makes for every event a projection handles) as random
 * version-4 UUIDs, like Axon's default, but drawn from a strong random generator per thread ({@link RandomIds}).
 * <p>
 * Axon finds this factory through {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public final class PerThreadRandomIdentifiers extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return RandomIds.next().toString();
    }
}
