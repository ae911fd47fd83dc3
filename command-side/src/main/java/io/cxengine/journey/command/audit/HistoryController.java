package io.cxengine.journey.command.audit;

import io.cxengine.journey.command.http.CommandEndpoint;
import io.cxengine.journey.platform.accesslog.AccessLogged;
import io.cxengine.journey.platform.accesslog.Counted;
import io.cxengine.journey.platform.accesslog.CountedStream;
import io.cxengine.journey.platform.ratelimit.Cost;
import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.customer.CustomerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The auditors' view of a customer: the complete history, and its integrity check. */
@Allowed(Scope.AUDIT)
@RestController
@CommandEndpoint
@Tag(name = "Audit", description = "A customer's complete history, and proof that it is unaltered")
class HistoryController {

    static final String NDJSON = "application/x-ndjson";
    static final int MAX_PAGE = 1000;

    private final CustomerHistory history;
    private final ObjectMapper json;

    /** What the reads that replay a whole history cost of the auditor's allowance (see journey.rate-limits). */
    static final int HEAVY = 10;

    HistoryController(CustomerHistory history, ObjectMapper json) {
        this.history = history;
        this.json = json;
    }

    /** One page of a history, and where the next one starts. */
    record HistoryPage(String customerId, long totalEvents, List<HistoryEntry> events, Long nextFrom) implements Counted {

        @Override
        public long count() {
            return events.size();
        }
    }

    @Operation(summary = "Read a customer's complete history", description = """
            Every event from sequence 0, oldest first, never starting at a snapshot: type and revision, sequence and \
            global position, when it happened and when it was recorded, the fact, its provenance and its hash-chain \
            link. Pages of `limit` (default 100, at most 1000) from sequence `from`. With `diff=true`, each entry \
            also says what it changed in the customer's state (`changes`: path, before, after).""")
    @AccessLogged(customer = "customerId")
    @Cost(value = 1, heavierWith = "diff", heavierCost = HEAVY)
    @GetMapping(path = "/customers/{customerId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    HistoryPage page(@PathVariable CustomerId customerId, @RequestParam(defaultValue = "0") @Min(0) long from,
                     @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_PAGE) int limit,
                     @RequestParam(defaultValue = "false") boolean diff) {
        long total = known(customerId);
        List<HistoryEntry> events = history.page(customerId, from, limit, diff);
        long next = from + events.size();
        return new HistoryPage(customerId.toString(), total, events, next < total ? next : null);
    }

    @Operation(summary = "Export a customer's complete history as NDJSON", description = """
            The whole history as newline-delimited JSON, one event per line, streamed: for exports of long \
            histories. Holds exactly the events the customer had when the export started; the access log records \
            that count before the first line is sent.""")
    @AccessLogged(customer = "customerId")
    @Cost(HEAVY)
    @GetMapping(path = "/customers/{customerId}/history", produces = NDJSON)
    ResponseEntity<StreamingResponseBody> export(@PathVariable CustomerId customerId) {
        long total = known(customerId);
        // Exactly the events counted now, so that the access log records what the export holds.
        StreamingResponseBody body = out -> history.each(customerId, 0, (int) Math.min(total, Integer.MAX_VALUE), entry -> {
            try {
                out.write(json.writeValueAsBytes(entry));
                out.write("\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(new CountedStream(total, body));
    }

    /** What the company knew, and the bounds that chose the events folded into it. */
    record StateAsKnown(String customerId, Instant asOf, Instant occurredBy, Long version, CustomerState state) {
    }

    @Operation(summary = "What the company knew about a customer", description = """
            Folds the customer's history into its state, time-travelling: `asOf` keeps the events **recorded** by \
            then (what the company knew at that moment), `occurredBy` the events that **happened** by then (as known \
            now, late-logged facts included), `version` the events up to that sequence number. Bounds combine.""")
    @AccessLogged(customer = "customerId")
    @Cost(HEAVY)
    @GetMapping(path = "/customers/{customerId}/state", produces = MediaType.APPLICATION_JSON_VALUE)
    StateAsKnown state(@PathVariable CustomerId customerId, @RequestParam(required = false) Instant asOf,
                       @RequestParam(required = false) Instant occurredBy,
                       @RequestParam(required = false) @Min(0) Long version) {
        known(customerId);
        return new StateAsKnown(customerId.toString(), asOf, occurredBy, version,
                history.state(customerId, asOf, occurredBy, version));
    }

    @Operation(summary = "Verify a customer's history", description = """
            Recomputes the customer's hash chain from the stored bytes and names the first event whose link does \
            not hold: altered, missing, out of order, or never chained.""")
    @AccessLogged(customer = "customerId")
    @Cost(HEAVY)
    @GetMapping(path = "/customers/{customerId}/history/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    HistoryVerification verify(@PathVariable CustomerId customerId) {
        known(customerId);
        return history.verify(customerId);
    }

    private long known(CustomerId customerId) {
        long count = history.count(customerId);
        if (count == 0) {
            throw new AggregateNotFoundException(customerId.toString(), "No history for customer " + customerId);
        }
        return count;
    }
}
