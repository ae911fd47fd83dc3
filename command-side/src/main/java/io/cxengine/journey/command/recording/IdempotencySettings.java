package io.cxengine.journey.command.recording;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long idempotency keys are kept, and after how long a request still "in flight" is taken to have died.
 *
 * @param retention       a retry with the same key within this time replays the first response
 * @param inFlightTimeout a claim older than this, whose request never recorded anything, may be taken over
 */
@ConfigurationProperties("journey.idempotency")
public record IdempotencySettings(@DefaultValue("24h") Duration retention,
                                  @DefaultValue("2m") Duration inFlightTimeout) {
}
