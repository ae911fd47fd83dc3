package io.cxengine.journey.platform.eventstore;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventStoreSettingsTest {

    @Test
    @DisplayName("the defaults keep the gap timeout above twice the write timeout plus the clock skew")
    void defaults() {
        EventStoreSettings settings = new EventStoreSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), 100_000,
                Duration.ofSeconds(1), 1000);
        assertThat(settings.bounded()).isTrue();
    }

    @Test
    @DisplayName("a gap timeout under twice the write timeout plus the clock skew is refused at start-up")
    void contradiction() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EventStoreSettings(Duration.ofSeconds(10),
                        Duration.ofSeconds(20), 100_000, Duration.ofSeconds(1), 1000))
                .withMessageContaining("gap-timeout");
        new EventStoreSettings(Duration.ofSeconds(10), Duration.ofSeconds(21), 100_000, Duration.ofSeconds(1), 1000);
    }

    @Test
    @DisplayName("a write timeout of 0 switches the bound off and needs no particular gap timeout")
    void unbounded() {
        assertThat(new EventStoreSettings(Duration.ZERO, Duration.ofSeconds(3), 10_000, Duration.ofSeconds(1), 1000).bounded())
                .isFalse();
    }
}
