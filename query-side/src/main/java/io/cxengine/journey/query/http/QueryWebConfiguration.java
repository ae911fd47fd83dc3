package io.cxengine.journey.query.http;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The settings the query endpoints share ({@code journey.read.*}); each slice enables its own. */
@Configuration
@EnableConfigurationProperties(ReadSettings.class)
class QueryWebConfiguration {
}
