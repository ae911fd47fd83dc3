package io.cxengine.journey.command.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long idempotency keys are kept.
 *
 * @param retention a retry with the same key within this time replays the first answer
 */
@ConfigurationProperties("journey.idempotency")
public record IdempotencySettings(@DefaultValue("24h") Duration retention) {
}
