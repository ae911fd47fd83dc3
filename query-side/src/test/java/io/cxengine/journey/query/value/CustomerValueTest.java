package io.cxengine.journey.query.value;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerValueTest {

    private static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    @DisplayName("annual revenue: the revenue over the years between first and last purchase, at least one year")
    void annualRevenue() {
        assertThat(CustomerValue.annualRevenue(new BigDecimal("300"), FIRST, FIRST.plusSeconds(86_400 * 30)))
                .isEqualByComparingTo("300.00");
        // 731 days (2024 is a leap year) are 2.0014 years of 365.25 days: 1,000 / 2.0014
        assertThat(CustomerValue.annualRevenue(new BigDecimal("1000"), FIRST, Instant.parse("2026-01-01T12:00:00Z")))
                .isEqualByComparingTo("499.66");
        assertThat(CustomerValue.annualRevenue(null, FIRST, FIRST)).isEqualByComparingTo("0.00");
    }

    @Test
    @DisplayName("lifetime value: each year's revenue discounted at the interest rate, summed over the periods")
    void lifetimeValue() {
        // 100 / 1.1 + 100 / 1.21 = 90.909… + 82.644… = 173.55
        assertThat(CustomerValue.lifetimeValue(new BigDecimal("100"), new BigDecimal("0.10"), 2))
                .isEqualByComparingTo("173.55");
        assertThat(CustomerValue.lifetimeValue(new BigDecimal("100"), BigDecimal.ZERO, 5)).isEqualByComparingTo("500.00");
    }

    @Test
    @DisplayName("tiers: prospects never bought; the most valuable reach the top threshold, the valuable the high-profit one")
    void tiers() {
        ValueSettings settings = ValueSettings.DEFAULTS;
        assertThat(CustomerValue.tier(new BigDecimal("5000"), 0, settings)).isEqualTo(CustomerValue.Tier.PROSPECT);
        assertThat(CustomerValue.tier(new BigDecimal("2000"), 3, settings)).isEqualTo(CustomerValue.Tier.MOST_VALUABLE);
        assertThat(CustomerValue.tier(new BigDecimal("500"), 3, settings)).isEqualTo(CustomerValue.Tier.VALUABLE);
        assertThat(CustomerValue.tier(new BigDecimal("499.99"), 3, settings)).isEqualTo(CustomerValue.Tier.STANDARD);
    }

    @Test
    @DisplayName("the qualifying matrix: profit by the high-profit threshold, opportunity by a positive recent balance")
    void quadrants() {
        ValueSettings settings = ValueSettings.DEFAULTS;
        assertThat(CustomerValue.quadrant(new BigDecimal("600"), 2, settings))
                .isEqualTo(CustomerValue.Quadrant.BUILD_RELATIONSHIP);
        assertThat(CustomerValue.quadrant(new BigDecimal("600"), 0, settings))
                .isEqualTo(CustomerValue.Quadrant.LOYALTY_PROGRAMME);
        assertThat(CustomerValue.quadrant(new BigDecimal("100"), 1, settings))
                .isEqualTo(CustomerValue.Quadrant.NON_CUSTOMISED);
        assertThat(CustomerValue.quadrant(new BigDecimal("100"), -1, settings))
                .isEqualTo(CustomerValue.Quadrant.SEEK_ELSEWHERE);
    }
}
