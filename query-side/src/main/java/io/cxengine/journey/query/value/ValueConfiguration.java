package io.cxengine.journey.query.value;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The value formulas' settings ({@code journey.value.*}). */
@Configuration
@EnableConfigurationProperties(ValueSettings.class)
class ValueConfiguration {
}
