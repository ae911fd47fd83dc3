package io.cxengine.journey.platform.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every processing group reads the event stream: each is a pooled streaming processor with its own token.
 *
 * @param initialSegments segments a new processor splits the stream into (parallelism per projection)
 * @param batchSize       events handled in one transaction with the token update
 */
@ConfigurationProperties("journey.processing")
public record ProcessingSettings(@DefaultValue("1") int initialSegments,
                                 @DefaultValue("100") int batchSize) {
}
