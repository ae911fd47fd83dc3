package io.cxengine.journey.platform.accesslog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One read of identified data: who (the token's subject, client, scopes and id), what (the operation, its method and
 * path, the customer), with what outcome (the HTTP status) and how many entries the answer held, under which
 * correlation id and for which stated purpose.
 */
public record AccessEntry(long id, Instant at, String subject, String client, List<String> scopes, String tokenId,
                          String operation, String method, String path, UUID customerId, String outcome, Long entries,
                          String correlationId, String purpose) {
}
