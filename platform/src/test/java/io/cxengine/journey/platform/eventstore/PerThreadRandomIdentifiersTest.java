package io.cxengine.journey.platform.eventstore;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PerThreadRandomIdentifiersTest {

    @Test
    @DisplayName("Axon takes its identifiers from the per-thread factory")
    void axonUsesIt() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(PerThreadRandomIdentifiers.class);
    }

    @Test
    @DisplayName("identifiers are random version-4 UUIDs, distinct across threads")
    void randomVersionFourUuids() {
        IdentifierFactory identifiers = new PerThreadRandomIdentifiers();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 200_000).parallel().forEach(i -> seen.add(identifiers.generateIdentifier()));
        assertThat(seen).hasSize(200_000);
        seen.stream().limit(1000).map(UUID::fromString).forEach(uuid -> {
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
        });
    }
}
