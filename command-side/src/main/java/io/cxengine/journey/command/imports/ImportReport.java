package io.cxengine.journey.command.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where an import stands, or how it ended: lines done (recorded, refused or blank), commands accepted, facts
 * recorded, refusals with their line numbers.
 *
 * @param lines           lines done, from the first: each recorded, refused or blank, and never done again
 * @param commands        lines whose command was accepted (a repeated fact, such as the same order again, records
 *                        nothing and is accepted)
 * @param facts           events recorded
 * @param linesPerSecond  lines done per second since the import (or its latest resumption) began; null when finished
 * @param refusals        lines refused
 * @param refusedLines    the refused lines listed in this answer, in line order (a page: see {@code afterLine})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(UUID importId, String state, Instant startedAt, Instant updatedAt, Instant finishedAt,
                           long lines, long commands, long facts, long refusals, Double linesPerSecond,
                           List<Refusal> refusedLines) {

    public static final String RUNNING = "RUNNING";
    public static final String STOPPED = "STOPPED";
    public static final String FINISHED = "FINISHED";

    /** A line that recorded nothing, and the problem its endpoint would have answered. */
    public record Refusal(long line, JsonNode problem) {
    }
}
