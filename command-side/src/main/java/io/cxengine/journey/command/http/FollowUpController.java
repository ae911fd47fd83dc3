package io.cxengine.journey.command.http;

import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.command.customer.CustomerCommand.CompleteFollowUp;
import io.cxengine.journey.command.customer.CustomerCommand.ScheduleFollowUp;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.Valence;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Records follow-ups promised to customers, and whether they happened. */
@Allowed(Scope.WRITE)
@RestController
@CommandEndpoint
@Tag(name = "Follow-ups", description = "Promises to come back to the customer, kept or missed")
class FollowUpController {

    private final Writes writes;
    private final Clock clock;

    FollowUpController(Writes writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    @Operation(summary = "Schedule a follow-up", description = """
            Promises the customer a follow-up by `dueAt`, optionally about a complaint. If it is not completed by \
            then, `FollowUpMissed` and a breach of the follow-up standard are recorded.""")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(path = "/customers/{customerId}/follow-ups", consumes = "application/json")
    ResponseEntity<Writes.Recorded> schedule(@PathVariable CustomerId customerId,
                                             @Valid @RequestBody FollowUpRequest body, HttpServletRequest request) {
        ScheduleFollowUp command = body.command(CommandBody.Target.customer(customerId), clock.instant());
        return writes.create(command, request,
                "/customers/%s/follow-ups/%s".formatted(customerId, command.followUpId()),
                recorded -> recorded.withFollowUp(command.followUpId().value()));
    }

    @Operation(summary = "Complete a follow-up", description = """
            Records that the promised follow-up happened, with its outcome and how it left the customer. A missed \
            follow-up can still be completed late; a completed one cannot be completed again.""")
    @PostMapping(path = "/customers/{customerId}/follow-ups/{followUpId}/completion", consumes = "application/json")
    ResponseEntity<Writes.Recorded> complete(@PathVariable CustomerId customerId, @PathVariable FollowUpId followUpId,
                                             @Valid @RequestBody CompletionRequest body, HttpServletRequest request) {
        return writes.record(body.command(CommandBody.Target.followUp(customerId, followUpId), clock.instant()),
                request);
    }

    record FollowUpRequest(@Schema(description = "Optional; lets the client retry safely") UUID followUpId,
                           @Schema(example = "2026-03-02T09:00:00Z") @NotNull Instant dueAt,
                           @Schema(example = "PHONE") @NotNull Channel channel,
                           @Schema(example = "check the refund arrived") @NotBlank @Size(max = 200) String purpose,
                           @Schema(description = "The complaint this follow-up is about") UUID complaintId,
                           @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public ScheduleFollowUp command(Target target, Instant now) {
            return new ScheduleFollowUp(target.customerId(),
                    followUpId != null ? new FollowUpId(followUpId) : FollowUpId.random(), dueAt, channel, purpose,
                    complaintId != null ? new ComplaintId(complaintId) : null, CommandBody.occurred(occurredAt, now));
        }
    }

    record CompletionRequest(@Schema(example = "Refund confirmed; customer thanked us") @NotBlank @Size(max = 4000)
                             String outcome,
                             @Schema(example = "POSITIVE") @NotNull Valence valence,
                             @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public CompleteFollowUp command(Target target, Instant now) {
            return new CompleteFollowUp(target.customerId(), target.followUpId(), outcome, valence,
                    CommandBody.occurred(occurredAt, now));
        }
    }
}
