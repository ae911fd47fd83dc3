package io.cxengine.journey.query.operations;

import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
            Empties the projection and replays every event into it, while commands keep flowing and the other \
            projections keep running. Answers 202; follow the progress at the Location.""")
    @PostMapping("/projections/{name}/rebuild")
    ResponseEntity<ProjectionStatus> rebuild(@PathVariable String name) {
        return ResponseEntity.accepted().location(URI.create("/admin/projections/" + name))
                .body(projections.rebuild(name));
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
