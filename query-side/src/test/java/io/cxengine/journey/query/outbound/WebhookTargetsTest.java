package io.cxengine.journey.query.outbound;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTargetsTest {

    private static WebhookSettings settings(boolean allowInsecure) {
        return new WebhookSettings(8, Duration.ofSeconds(5), Duration.ofHours(10), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofDays(7), allowInsecure);
    }

    private final WebhookTargets targets = new WebhookTargets(settings(false));

    @Test
    @DisplayName("loopback, private, link-local, unique-local, wildcard and multicast addresses are refused")
    void nonPublicRefused() {
        for (String host : new String[]{"127.0.0.1", "10.0.0.7", "172.16.4.1", "192.168.1.20", "169.254.169.254",
                "0.0.0.0", "224.0.0.1", "[::1]", "[fd00::1]", "[fe80::1]"}) {
            assertThat(targets.refusal(URI.create("https://" + host + "/hooks"))).as(host).isNotNull();
        }
    }

    @Test
    @DisplayName("a public address is allowed; with insecure URLs allowed (tests) so is every address")
    void publicAllowed() {
        assertThat(targets.refusal(URI.create("https://203.0.113.9/hooks"))).isNull();
        assertThat(new WebhookTargets(settings(true)).refusal(URI.create("http://127.0.0.1:8080/hooks"))).isNull();
    }

    @Test
    @DisplayName("a retry waits four times longer each time, at most the longest wait")
    void backoff() {
        WebhookSettings settings = settings(false);
        assertThat(settings.retryAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.retryAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.retryAfter(4)).isEqualTo(Duration.ofSeconds(320));
        assertThat(settings.retryAfter(30)).isEqualTo(Duration.ofHours(10));
    }
}
