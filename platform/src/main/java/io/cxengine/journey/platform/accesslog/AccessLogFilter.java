package io.cxengine.journey.platform.accesslog;

import java.time.Instant;
import java.util.UUID;

/**
 * Which entries of the access log to read: each criterion given narrows the answer; {@code from} is inclusive,
 * {@code to} exclusive, and {@code before} is the cursor, the id below which the page starts.
 */
public record AccessLogFilter(UUID customerId, String subject, String client, Instant from, Instant to, Long before,
                             int limit) {
}
