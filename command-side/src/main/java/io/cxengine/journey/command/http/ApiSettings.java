package io.cxengine.journey.command.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Limits of the command API.
 *
 * @param maxBodySize the largest request body accepted (413 above)
 * @param clockSkew   how far in the future an {@code occurredAt} may lie, for clients whose clocks run ahead
 */
@ConfigurationProperties("journey.api")
record ApiSettings(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("5m") Duration clockSkew) {
}
