package io.cxengine.journey.platform.accesslog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * What the access log records, and how it is read ({@code journey.access-log.*}).
 *
 * @param agentReads  whether agents' identified reads (profile, timeline, briefing, caller lookup, their live
 *                    streams) are logged; auditors' reads always are
 * @param retryAfter  what {@code Retry-After} suggests when a read is refused because its entry could not be written
 */
@ConfigurationProperties("journey.access-log")
public record AccessLogSettings(@DefaultValue("true") boolean agentReads,
                                @DefaultValue("5s") Duration retryAfter) {
}
