package io.cxengine.journey.platform.keys;

import io.cxengine.journey.platform.keys.DataKeyWrapping.Wrapped;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Data keys wrapped by the key-encryption key open only with it, and only as the key of their own customer. */
class DataKeyWrappingTest {

    static final UUID ADA = UUID.fromString("7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21");
    static final UUID MALLORY = UUID.fromString("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f");
    final byte[] dataKey = KeyEncryptionKey.random().derive("a data key");
    final KeyEncryptionKey kek = KeyEncryptionKey.random();
    final DataKeyWrapping wrapping = new DataKeyWrapping(kek, Optional.empty());

    @Test
    @DisplayName("a wrapped key unwraps with the key-encryption key, and its bytes are not the key's")
    void roundTrip() {
        Wrapped wrapped = wrapping.wrap(ADA, dataKey);

        assertThat(wrapped.kekId()).isEqualTo(kek.id()).hasSize(16);
        assertThat(wrapped.bytes()).hasSize(12 + 32 + 16);
        assertThat(new String(wrapped.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(dataKey, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(wrapping.unwrap(ADA, wrapped)).isEqualTo(dataKey);
        assertThat(wrapping.wrap(ADA, dataKey).bytes()).as("a fresh IV each time").isNotEqualTo(wrapped.bytes());
    }

    @Test
    @DisplayName("a key copied to another customer's row does not unwrap there")
    void boundToTheCustomer() {
        Wrapped adas = wrapping.wrap(ADA, dataKey);

        assertThatThrownBy(() -> wrapping.unwrap(MALLORY, adas)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not unwrap");
    }

    @Test
    @DisplayName("another key-encryption key unwraps nothing, even told the right id, and an unknown one fails loudly")
    void otherKeyEncryptionKey() {
        Wrapped wrapped = wrapping.wrap(ADA, dataKey);
        KeyEncryptionKey other = KeyEncryptionKey.random();
        DataKeyWrapping attacker = new DataKeyWrapping(other, Optional.empty());

        assertThatThrownBy(() -> attacker.unwrap(ADA, new Wrapped(other.id(), wrapped.bytes())))
                .hasMessageContaining("does not unwrap");
        assertThatThrownBy(() -> attacker.unwrap(ADA, wrapped)).hasMessageContaining(kek.id())
                .hasMessageContaining("does not have");
    }

    @Test
    @DisplayName("during a rotation keys wrapped by the previous key-encryption key still unwrap, and rewrap with the new one")
    void rotation() {
        Wrapped old = wrapping.wrap(ADA, dataKey);
        KeyEncryptionKey next = KeyEncryptionKey.random();
        DataKeyWrapping rotating = new DataKeyWrapping(next, Optional.of(kek));

        assertThat(rotating.knows(old.kekId())).isTrue();
        Wrapped rewrapped = rotating.wrap(ADA, rotating.unwrap(ADA, old));
        assertThat(rewrapped.kekId()).isEqualTo(next.id()).isNotEqualTo(old.kekId());
        assertThat(new DataKeyWrapping(next, Optional.empty()).unwrap(ADA, rewrapped)).isEqualTo(dataKey);
    }
}
