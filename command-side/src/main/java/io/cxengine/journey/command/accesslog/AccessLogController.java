package io.cxengine.journey.command.accesslog;

import io.cxengine.journey.command.http.CommandEndpoint;
import io.cxengine.journey.platform.accesslog.AccessLog;
import io.cxengine.journey.platform.accesslog.AccessLogFilter;
import io.cxengine.journey.platform.accesslog.AccessLogPage;
import io.cxengine.journey.platform.accesslog.AccessLogged;
import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

/**
 * The auditors' view of who read which customer's data. Served by the command side, beside the other auditor
 * operations; the log itself is one table that both sides write.
 */
@Allowed(Scope.AUDIT)
@RestController
@CommandEndpoint
@Tag(name = "Audit", description = "A customer's complete history, and proof that it is unaltered")
class AccessLogController {

    static final int MAX_PAGE = 500;

    private final AccessLog accessLog;

    AccessLogController(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @AccessLogged(customer = "customerId")
    @Operation(summary = "Read the access log", description = """
            Who read identified customer data: one entry per read of a complete history (every page), an export, a \
            diff, a state, a verification, an agent's profile, timeline, briefing or caller lookup (and each live \
            stream as it opens), and every read of this log, refusals included. Each entry names the token's \
            subject, client, scopes and id, the operation, method and path (never the query string), the customer, \
            the outcome (the HTTP status), how many entries the answer held, the correlation id and the stated \
            `X-Purpose`. Newest first; filtered by `customerId`, reader (`subject`), `client` and time (`from` \
            inclusive, `to` exclusive); in pages of `limit` (default 50, at most 500): pass the `next` cursor of a \
            page to get the following one. Reading the log is itself logged.""")
    @GetMapping(path = "/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    AccessLogPage read(@Parameter(description = "Only reads of this customer") @RequestParam(required = false) UUID customerId,
                       @Parameter(description = "Only reads by this token subject") @RequestParam(required = false) String subject,
                       @Parameter(description = "Only reads through this client") @RequestParam(required = false) String client,
                       @RequestParam(required = false) Instant from,
                       @RequestParam(required = false) Instant to,
                       @Parameter(description = "The `next` of the previous page") @RequestParam(required = false) Long cursor,
                       @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE) int limit) {
        return accessLog.page(new AccessLogFilter(customerId, subject, client, from, to, cursor, limit));
    }
}
