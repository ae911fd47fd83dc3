package io.cxengine.journey.query.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How analytics are cut ({@code journey.analytics.*}).
 *
 * @param minGroupSize    a group with fewer members is suppressed, not shown (no figures that single out a customer)
 * @param quickResolution a complaint resolved within this time after filing counts as resolved quickly
 */
@ConfigurationProperties("journey.analytics")
public record AnalyticsSettings(@DefaultValue("5") int minGroupSize, @DefaultValue("48h") Duration quickResolution) {
}
