package io.cxengine.journey.command.imports;

import io.cxengine.journey.command.http.CommandEndpoint;
import io.cxengine.journey.platform.http.ProblemAdviceSupport;
import io.cxengine.journey.platform.correlation.CorrelationId;
import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Caller;
import io.cxengine.journey.platform.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bulk import of commands, one per line. */
@Allowed(Scope.WRITE)
@RestController
@CommandEndpoint
@Tag(name = "Imports", description = "Back-fill history in bulk: a file of commands, one per line, resumable")
class ImportController {

    static final String IMPORT_ID = "Import-Id";
    private static final int MAX_LIMIT = 1000;

    private final Imports imports;

    ImportController(Imports imports) {
        this.imports = imports;
    }

    @Operation(summary = "Import commands, one per line", description = """
            The body is NDJSON: each line one command, written as the path of the endpoint that records it and the \
            body that endpoint takes, e.g. `{"path": "/customers/0b8e…/touchpoints", "body": {"channel": "PHONE", …}}` \
            (every POST command endpoint; `body` may be left out where the endpoint's is optional). Lines are read \
            as they arrive (no size limit on the body, one line at most `journey.imports.max-line`) and recorded in \
            order under the same rules and the same hash chain as single commands, many to a transaction; each \
            fact's provenance names its import and line (`importLine`). A line the endpoint would refuse records \
            nothing and is reported with its line number and that problem; the other lines go on. A line may carry \
            its own `idempotencyKey`, e.g. `{"path": …, "idempotencyKey": "crm-4711", "body": {…}}`: the line and a \
            request to its endpoint with that `Idempotency-Key` and the same body, byte for byte, are one write \
            (whichever comes second records nothing; a request after the line is answered the line's receipt, 200); \
            the key promised for another body refuses the line (422 `idempotency-key-reused`).

            Send an `Import-Id` (a UUID of your choosing) to be able to resume: the import's progress is stored with \
            every batch it records, and sending the same file again under the same id skips the lines done (a \
            repeated line is a no-op) and goes on from the first line not done; a different file is refused (422). \
            The same file sent again once the import has finished is answered its report, recording nothing. \
            Follow a running import at \
            `GET /imports/{importId}`. Answers the final report: 201 for an import this request began, 200 for one \
            it resumed or had finished before.""")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/x-ndjson", schema = @Schema(type = "string", example = """
                    {"path": "/customers", "body": {"customerId": "0b8e1f5c-3f57-4c43-9a1e-6a3c2f1d9e70", "name": "Ada Lovelace", "identifiedVia": "IMPORT", "occurredAt": "2011-01-04T10:00:00Z"}}
                    {"path": "/customers/0b8e1f5c-3f57-4c43-9a1e-6a3c2f1d9e70/purchases", "body": {"orderId": "536365", "amount": {"amount": "139.12", "currency": "GBP"}, "occurredAt": "2011-01-04T10:05:00Z"}}
                    """)))
    @PostMapping(path = "/imports", consumes = {"application/x-ndjson", "application/jsonl"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportReport> importLines(
            @Parameter(description = "The import's id, to follow and resume it; a new one if absent")
            @RequestHeader(name = IMPORT_ID, required = false) UUID importId,
            HttpServletRequest request) throws IOException {
        UUID id = importId != null ? importId : UUID.randomUUID();
        Imports.Outcome outcome = imports.run(id, caller(), CorrelationId.of(request), request.getInputStream());
        return ResponseEntity.status(outcome.begun() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/imports/" + id))
                .body(outcome.report());
    }

    @Operation(summary = "Where an import stands", description = """
            Lines done, commands accepted, facts recorded, refusals, and the rate while it runs (`RUNNING`, \
            `STOPPED` before its last line — resume it with the same file and `Import-Id` — or `FINISHED`). Lists \
            refused lines after `afterLine`, in line order. Only the client that began an import sees it.""")
    @GetMapping(path = "/imports/{importId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ImportReport report(@PathVariable UUID importId,
                        @Parameter(description = "List refused lines after this line")
                        @RequestParam(defaultValue = "0") long afterLine,
                        @Parameter(description = "List at most this many refused lines, up to " + MAX_LIMIT)
                        @RequestParam(defaultValue = "100") int limit) {
        if (afterLine < 0) {
            throw invalid("afterLine", "must be 0 or more");
        }
        if (limit < 0 || limit > MAX_LIMIT) {
            throw invalid("limit", "must be from 0 to " + MAX_LIMIT);
        }
        return imports.report(importId, caller(), afterLine, limit);
    }

    private static ErrorResponseException invalid(String parameter, String message) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemAdviceSupport.invalidRequest(
                List.of(Map.of("field", parameter, "message", message))), null);
    }

    private static Caller caller() {
        return Caller.current().orElseThrow(() -> new IllegalStateException("An import reached without a token"));
    }
}
