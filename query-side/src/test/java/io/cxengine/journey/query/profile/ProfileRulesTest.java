package io.cxengine.journey.query.profile;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileRulesTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    @DisplayName("satisfaction trend: the latest score against the earlier ones, each on its own scale")
    void trend() {
        assertThat(ProfileRules.trend(List.of(survey("CSAT", 3)))).isEqualTo("UNKNOWN");
        // CSAT 2 of 1..5 is 0.25; NPS 9 of 0..10 is 0.9: improving
        assertThat(ProfileRules.trend(List.of(survey("CSAT", 2), survey("NPS", 9)))).isEqualTo("IMPROVING");
        // NPS 5 is 0.5; CSAT 3 is 0.5: stable
        assertThat(ProfileRules.trend(List.of(survey("NPS", 5), survey("CSAT", 3)))).isEqualTo("STABLE");
        assertThat(ProfileRules.trend(List.of(survey("CSAT", 5), survey("LOST_ACCOUNT", 1)))).isEqualTo("DECLINING");
    }

    @Test
    @DisplayName("usual hours: the hours with inbound contacts, most used first, ties by the earlier hour, at most three")
    void usualHours() {
        int[] hours = new int[24];
        hours[9] = 2;
        hours[14] = 5;
        hours[8] = 2;
        hours[20] = 1;
        assertThat(ProfileRules.usualHours(hours)).containsExactly(14, 8, 9);
        assertThat(ProfileRules.usualHours(new int[24])).isEmpty();
    }

    @Test
    @DisplayName("lost: lost and not reactivated since")
    void lost() {
        assertThat(ProfileRules.isLost(null, null)).isFalse();
        assertThat(ProfileRules.isLost(AT, null)).isTrue();
        assertThat(ProfileRules.isLost(AT, AT.plusSeconds(60))).isFalse();
        assertThat(ProfileRules.isLost(AT, AT.minusSeconds(60))).isTrue();
    }

    @Test
    @DisplayName("visitor tier: two purchases make a client; one purchase or a web registration a registered visitor")
    void visitorTier() {
        assertThat(ProfileRules.visitorTier(2, "CALLER_ID")).isEqualTo("CLIENT");
        assertThat(ProfileRules.visitorTier(1, "CALLER_ID")).isEqualTo("REGISTERED");
        assertThat(ProfileRules.visitorTier(0, "WEB_REGISTRATION")).isEqualTo("REGISTERED");
        assertThat(ProfileRules.visitorTier(0, "CALLER_ID")).isEqualTo("GUEST");
    }

    @Test
    @DisplayName("status: forgotten first, then lost, then at risk with a negative recent balance, else (re)active")
    void status() {
        assertThat(ProfileRules.status(row("FORGOTTEN", AT, null, -3))).isEqualTo("FORGOTTEN");
        assertThat(ProfileRules.status(row("ACTIVE", AT, null, -3))).isEqualTo("LOST");
        assertThat(ProfileRules.status(row("ACTIVE", AT, AT.plusSeconds(60), -1))).isEqualTo("AT_RISK");
        assertThat(ProfileRules.status(row("ACTIVE", AT, AT.plusSeconds(60), 0))).isEqualTo("REACTIVATED");
        assertThat(ProfileRules.status(row("ACTIVE", null, null, 2))).isEqualTo("ACTIVE");
    }

    private static ProfileRow row(String status, Instant lostAt, Instant reactivatedAt, int recentBalance) {
        return new ProfileRow(UUID.randomUUID(), "Ada", null, null, "CALLER_ID", AT, status, Map.of(), List.of(), null,
                Map.of(), new int[24], 0, BigDecimal.ZERO, null, null, null, 0, recentBalance, 0, 0, null, List.of(),
                lostAt, reactivatedAt, List.of(), null, 1);
    }

    private static ProfileRow.Survey survey(String kind, int score) {
        return new ProfileRow.Survey(kind, score, AT);
    }
}
