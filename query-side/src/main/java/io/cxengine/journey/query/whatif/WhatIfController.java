package io.cxengine.journey.query.whatif;

import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Caller;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.query.http.InvalidReadRequest;
import io.cxengine.journey.query.http.UnknownWhatIf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What if the standards had been others: a past period re-scored, next to the figures as they were. */
@Allowed(Scope.ANALYZE)
@RestController
@RequestMapping("/analytics/what-if")
@Tag(name = "Analytics", description = "Figures for analysts, by pseudonym only; small groups suppressed")
class WhatIfController {

    private final WhatIfRuns runs;
    private final Clock clock;

    WhatIfController(WhatIfRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @Operation(summary = "Re-score a past period under proposed service standards", description = """
            Replays the whole store, as it is now, into a throwaway fold that writes no view, and judges every clock \
            of a proposed standard that started in [`from`, `to`) twice: as it ran (its due time as recorded, under \
            the version in force when it started, and its breach) and under the proposed limit (its start plus the \
            limit; a clock is stopped by the fact that stopped it, whenever that came). `from` and `to` are the starts \
            of whole UTC months, so that no period singles out a clock. Counted as \
            `/analytics/service-standards` counts: decided, missed, compliance. Answers 202 at once with the run's \
            Location; the run shows its progress (events read of those to read) until its answer is there. Runs are \
            kept in the memory of the node that took them (the latest 50 finished), one replaying at a time: another \
            question meanwhile is 429 `what-if-busy`. Only standards with a limit of their own; `to` not after now.""")
    @PostMapping(consumes = "application/json")
    ResponseEntity<WhatIf> ask(@Valid @RequestBody Question question) {
        Instant now = clock.instant();
        if (!question.from().isBefore(question.to())) {
            throw new InvalidReadRequest("to", "must be after from");
        }
        if (question.to().isAfter(now)) {
            throw new InvalidReadRequest("to", "must not be after now: what if re-scores the past");
        }
        // Whole UTC months, as the compliance figures by month: a period cut to the second around one clock, or two
        // periods a second apart, would single that clock (and its customer) out.
        for (Map.Entry<String, Instant> bound : Map.of("from", question.from(), "to", question.to()).entrySet()) {
            java.time.ZonedDateTime utc = bound.getValue().atZone(java.time.ZoneOffset.UTC);
            if (!utc.equals(utc.toLocalDate().withDayOfMonth(1).atStartOfDay(java.time.ZoneOffset.UTC))) {
                throw new InvalidReadRequest(bound.getKey(), "must be the start of a month (UTC), e.g. "
                        + utc.toLocalDate().withDayOfMonth(1) + "T00:00:00Z, not " + bound.getValue());
            }
        }
        question.standards().forEach((standard, limit) -> {
            if (!standard.hasOwnLimit()) {
                throw new InvalidReadRequest("standards", standard + " runs to the due time each fact names; it has "
                        + "no limit of its own to propose");
            }
            if (!ServiceStandard.isLimit(limit)) {
                throw new InvalidReadRequest("standards", "a proposed limit is a whole number of seconds, more than "
                        + "none and at most 365 days, not " + limit + " for " + standard);
            }
        });
        String askedBy = Caller.current().map(Caller::subject).orElse(null);
        WhatIfRuns.Run run = runs.start(question.from(), question.to(), question.standards(), askedBy);
        return ResponseEntity.accepted().location(URI.create("/analytics/what-if/" + run.id)).body(WhatIf.of(run));
    }

    @Operation(summary = "A what-if run: its progress, then its answer next to the figures as they were")
    @GetMapping("/{id}")
    WhatIf run(@PathVariable UUID id) {
        return WhatIf.of(runs.find(id).orElseThrow(() -> new UnknownWhatIf(id)));
    }

    record Question(@Schema(example = "2026-03-01T00:00:00Z") @NotNull Instant from,
                    @Schema(example = "2026-06-01T00:00:00Z") @NotNull Instant to,
                    @Schema(description = "Proposed limits, ISO-8601, by standard", example = "{\"EMAIL_RESPONSE\": \"PT12H\"}")
                    @NotEmpty Map<ServiceStandard, Duration> standards) {
    }

    /**
     * A run: what was asked, by whom, its state ({@code WAITING}, {@code REPLAYING}, {@code DONE}, {@code FAILED}),
     * its progress, and, once done, each proposed standard re-scored; {@code eventsUnreadable} counts the facts of a
     * kind it re-scores that it could not read (poison events, which the projections park too): when not 0, the
     * answer may lack their clocks.
     */
    record WhatIf(UUID id, Instant from, Instant to, Map<ServiceStandard, String> proposed, String askedBy,
                  Instant askedAt, String state, long eventsRead, long eventsToRead, long eventsUnreadable,
                  Instant finishedAt,
                  List<ClockReplay.Rescored> standards, String failure, String note) {

        static WhatIf of(WhatIfRuns.Run run) {
            Map<ServiceStandard, String> proposed = new java.util.EnumMap<>(ServiceStandard.class);
            run.proposed.forEach((standard, limit) -> proposed.put(standard, limit.toString()));
            return new WhatIf(run.id, run.from, run.to, proposed, run.askedBy, run.askedAt, run.state, run.read.get(),
                    run.of, run.unreadable.get(), run.finishedAt, run.answer, run.failure, NOTE);
        }

        static final String NOTE = "actual: the clocks as they ran, under the versions in force; proposed: the same "
                + "clocks under the proposed limits, stopped by the same facts. Nothing else is re-played: a breach the "
                + "proposal would have avoided still weighs on what followed it.";
    }
}
