package io.cxengine.journey.query.operations;

import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import io.cxengine.journey.platform.http.ProblemAdviceSupport;
import io.cxengine.journey.query.http.InvalidReadRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Operating the projections: progress, rebuilds, dead letters. */
@Allowed(Scope.ADMIN)
@RestController
@RequestMapping(path = "/admin", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Operations", description = "Projection progress, rebuilds and dead letters")
class ProjectionAdminController {

    private final Projections projections;
    private final EventProcessingConfiguration processing;

    ProjectionAdminController(Projections projections, EventProcessingConfiguration processing) {
        this.projections = projections;
        this.processing = processing;
    }

    @Operation(summary = "Every projection and where it stands")
    @GetMapping("/projections")
    List<ProjectionStatus> all() {
        return projections.names().stream().map(projections::status).toList();
    }

    @Operation(summary = "One projection's progress: position, events/s, percentage, ETA")
    @GetMapping("/projections/{name}")
    ProjectionStatus one(@PathVariable String name) {
        return projections.status(name);
    }

    @Operation(summary = "Rebuild a projection from the first event", description = """
            Replays every event into empty copies of the projection's tables while the live tables keep answering, \
            then swaps the copies in; commands keep flowing and the other projections keep running. Answers 202; \
            follow the progress at the Location. 409 while another rebuild runs.""")
    @PostMapping("/projections/{name}/rebuild")
    ResponseEntity<ProjectionStatus> rebuild(@PathVariable String name) {
        return ResponseEntity.accepted().location(URI.create("/admin/projections/" + name))
                .body(projections.rebuild(name));
    }

    /** Which projections to rebuild: those named, or every one ({@code all}); one of the two. */
    record RebuildRequest(List<String> projections, Boolean all) {
    }

    @Operation(summary = "Rebuild projections together, reading the store once", description = """
            Reads the event store once, from the first event, and hands each event to every projection named in \
            `projections` (or to every projection with `"all": true`), which fill empty copies of their tables; the \
            live tables answer meanwhile. Once the copies have caught up they are swapped in, in one transaction \
            with the projections' positions and dead letters. Answers 202; follow it at the Location. 400 unless \
            exactly one of `projections` and `all` is given, 404 for an unknown projection, 409 while another \
            rebuild runs.""")
    @PostMapping(path = "/projections/rebuild", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RebuildStatus> rebuildMany(@RequestBody RebuildRequest request) {
        boolean all = Boolean.TRUE.equals(request.all());
        boolean named = request.projections() != null && !request.projections().isEmpty();
        if (all == named) {
            throw new InvalidReadRequest("projections", "name the projections to rebuild, or send \"all\": true");
        }
        return ResponseEntity.accepted().location(URI.create("/admin/projections/rebuild"))
                .body(projections.rebuild(all ? List.of() : request.projections()));
    }

    @Operation(summary = "The rebuild running, or the last one", description = """
            Its state (READING, SWAPPING, FINISHED, FAILED), position against the newest event when it began, \
            events/s and ETA, events parked per projection, and why it failed. 404 before this instance ran one.""")
    @GetMapping("/projections/rebuild")
    RebuildStatus rebuildStatus() {
        return projections.rebuildStatus().orElseThrow(NoRebuild::new);
    }

    /** No rebuild has run on this instance since it started. */
    static final class NoRebuild extends ErrorResponseException {
        NoRebuild() {
            super(HttpStatus.NOT_FOUND, ProblemAdviceSupport.problem(HttpStatus.NOT_FOUND, "no-rebuild",
                    "No rebuild", "This instance has not rebuilt any projection since it started"), null);
        }
    }

    /** One parked sequence: the customer whose events wait behind the first that failed. */
    record DeadLetterSequence(String processingGroup, List<Projections.Parked> letters) {
    }

    @Operation(summary = "The dead letters a projection parked, by customer sequence")
    @GetMapping("/projections/{name}/dead-letters")
    List<DeadLetterSequence> deadLetters(@PathVariable String name) {
        projections.processor(name);
        List<DeadLetterSequence> sequences = new ArrayList<>();
        processing.deadLetterQueue(name).ifPresent(queue -> {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                List<Projections.Parked> letters = new ArrayList<>();
                sequence.forEach(letter -> letters.add(Projections.Parked.of(letter)));
                sequences.add(new DeadLetterSequence(name, letters));
            }
        });
        return sequences;
    }

    /** How a retry went: sequences handled successfully, and letters still parked. */
    record RetryOutcome(String processingGroup, int sequencesProcessed, long stillParked) {
    }

    @Operation(summary = "Retry a projection's dead letters", description = """
            Hands every parked sequence to the projection again, oldest first; sequences that fail again stay \
            parked.""")
    @PostMapping("/projections/{name}/dead-letters/retry")
    RetryOutcome retry(@PathVariable String name) {
        projections.processor(name);
        int processed = 0;
        var processor = processing.sequencedDeadLetterProcessor(name);
        if (processor.isPresent()) {
            SequencedDeadLetterProcessor<EventMessage<?>> letters = processor.get();
            long attempts = projections.deadLetters(name);
            for (long i = 0; i < attempts && letters.processAny(); i++) {
                processed++;
            }
        }
        return new RetryOutcome(name, processed, projections.deadLetters(name));
    }
}
