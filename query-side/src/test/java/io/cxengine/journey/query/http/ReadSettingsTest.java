package io.cxengine.journey.query.http;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadSettingsTest {

    private final ReadSettings settings = new ReadSettings(Duration.ofSeconds(2), 50, 500, Duration.ofSeconds(15));

    @Test
    @DisplayName("a page's size: the default without a limit, the limit from 1 to the largest page, refused outside")
    void pageSize() {
        assertThat(settings.pageSize(null)).isEqualTo(50);
        assertThat(settings.pageSize(1)).isEqualTo(1);
        assertThat(settings.pageSize(500)).isEqualTo(500);
        assertThatThrownBy(() -> settings.pageSize(0)).isInstanceOf(InvalidReadRequest.class);
        assertThatThrownBy(() -> settings.pageSize(501)).isInstanceOf(InvalidReadRequest.class);
    }
}
