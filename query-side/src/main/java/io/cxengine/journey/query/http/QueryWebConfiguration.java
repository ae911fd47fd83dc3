package io.cxengine.journey.query.http;

import io.cxengine.journey.query.analytics.AnalyticsSettings;
import io.cxengine.journey.query.value.ValueSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The settings of the read side. */
@Configuration
@EnableConfigurationProperties({ReadSettings.class, ValueSettings.class, AnalyticsSettings.class})
class QueryWebConfiguration {
}
