package io.cxengine.journey.command.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * One event of a customer's history as an auditor reads it: what it is, where it stands, when it happened and when
 * it was recorded, the fact itself, who submitted it in which conversation, and (on request) what it changed in the
 * customer's state.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(long sequence, long globalPosition, String eventIdentifier, String type, String revision,
                           Instant occurredAt, Instant recordedAt, Object payload, Provenance provenance,
                           String previousHash, String hash, List<StateDiff.Change> changes) {

    /**
     * Who submitted the fact, from which system, in which conversation, caused by which message; for a fact of a bulk
     * import, which import and line ({@code <import id>#<line>}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Provenance(String principal, String system, String correlationId, String causationId,
                             String idempotencyKey, String importLine) {
    }
}
