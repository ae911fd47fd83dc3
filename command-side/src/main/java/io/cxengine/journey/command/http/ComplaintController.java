package io.cxengine.journey.command.http;

import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.command.customer.CustomerCommand.AcknowledgeComplaint;
import io.cxengine.journey.command.customer.CustomerCommand.AgreeSolution;
import io.cxengine.journey.command.customer.CustomerCommand.FileComplaint;
import io.cxengine.journey.command.customer.CustomerCommand.IssueApology;
import io.cxengine.journey.command.customer.CustomerCommand.ProposeSolution;
import io.cxengine.journey.command.customer.CustomerCommand.ReopenComplaint;
import io.cxengine.journey.command.customer.CustomerCommand.ResolveComplaint;
import io.cxengine.journey.customer.ApologyReason;
import io.cxengine.journey.customer.ComplaintCategory;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Severity;
import io.cxengine.journey.customer.TouchpointId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
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

/** Records complaints through their lifecycle, and apologies: the six steps of recovering a difficult customer. */
@Allowed(Scope.WRITE)
@RestController
@CommandEndpoint
@Tag(name = "Complaints", description = "Complaints from filing to resolution, and apologies")
class ComplaintController {

    private final Writes writes;
    private final Clock clock;

    ComplaintController(Writes writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    @Operation(summary = "File a complaint", description = """
            Records a complaint with its category and severity, optionally tied to the touchpoint it came from. Starts \
            the complaint-acknowledgement standard (24 hours by default).""")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(path = "/customers/{customerId}/complaints", consumes = "application/json")
    ResponseEntity<Writes.Recorded> file(@PathVariable CustomerId customerId,
                                         @Valid @RequestBody ComplaintRequest body, HttpServletRequest request) {
        FileComplaint command = body.command(CommandBody.Target.customer(customerId), clock.instant());
        return writes.create(command, request,
                "/customers/%s/complaints/%s".formatted(customerId, command.complaintId()),
                recorded -> recorded.withComplaint(command.complaintId().value()));
    }

    @Operation(summary = "Acknowledge a complaint", description = """
            Records that the customer was told their complaint was heard. Stops the acknowledgement standard. The \
            body is optional.""")
    @PostMapping("/customers/{customerId}/complaints/{complaintId}/acknowledgement")
    ResponseEntity<Writes.Recorded> acknowledge(@PathVariable CustomerId customerId,
                                                @PathVariable ComplaintId complaintId,
                                                @Valid @RequestBody(required = false) StepRequest body,
                                                HttpServletRequest request) {
        return writes.record((body == null ? StepRequest.NOW : body)
                .command(CommandBody.Target.complaint(customerId, complaintId), clock.instant()), request);
    }

    @Operation(summary = "Propose a solution", description = "Records a solution proposed for an acknowledged complaint.")
    @PostMapping(path = "/customers/{customerId}/complaints/{complaintId}/proposals", consumes = "application/json")
    ResponseEntity<Writes.Recorded> propose(@PathVariable CustomerId customerId, @PathVariable ComplaintId complaintId,
                                            @Valid @RequestBody ProposalRequest body, HttpServletRequest request) {
        return writes.record(body.command(CommandBody.Target.complaint(customerId, complaintId), clock.instant()),
                request);
    }

    @Operation(summary = "Agree on the solution", description = """
            Records that the customer agreed to the proposed solution. With `promisedBy`, the company promised a time: \
            the promised-solution standard runs until the complaint is resolved. The body is optional.""")
    @PostMapping("/customers/{customerId}/complaints/{complaintId}/agreement")
    ResponseEntity<Writes.Recorded> agree(@PathVariable CustomerId customerId, @PathVariable ComplaintId complaintId,
                                          @Valid @RequestBody(required = false) AgreementRequest body,
                                          HttpServletRequest request) {
        return writes.record((body == null ? AgreementRequest.NOW : body)
                .command(CommandBody.Target.complaint(customerId, complaintId), clock.instant()), request);
    }

    @Operation(summary = "Resolve a complaint", description = "Records the resolution; a complaint is resolved once.")
    @PostMapping(path = "/customers/{customerId}/complaints/{complaintId}/resolution", consumes = "application/json")
    ResponseEntity<Writes.Recorded> resolve(@PathVariable CustomerId customerId, @PathVariable ComplaintId complaintId,
                                            @Valid @RequestBody ResolutionRequest body, HttpServletRequest request) {
        return writes.record(body.command(CommandBody.Target.complaint(customerId, complaintId), clock.instant()),
                request);
    }

    @Operation(summary = "Reopen a complaint", description = "Records that a resolved complaint is not resolved after all.")
    @PostMapping(path = "/customers/{customerId}/complaints/{complaintId}/reopening", consumes = "application/json")
    ResponseEntity<Writes.Recorded> reopen(@PathVariable CustomerId customerId, @PathVariable ComplaintId complaintId,
                                           @Valid @RequestBody ReopeningRequest body, HttpServletRequest request) {
        return writes.record(body.command(CommandBody.Target.complaint(customerId, complaintId), clock.instant()),
                request);
    }

    @Operation(summary = "Issue an apology", description = """
            Records an apology for a complaint (`complaintId`) or for one contact (`touchpointId`): exactly one of the \
            two, and it must exist.""")
    @PostMapping(path = "/customers/{customerId}/apologies", consumes = "application/json")
    ResponseEntity<Writes.Recorded> apologise(@PathVariable CustomerId customerId,
                                              @Valid @RequestBody ApologyRequest body, HttpServletRequest request) {
        return writes.record(body.command(CommandBody.Target.customer(customerId), clock.instant()), request);
    }

    record ComplaintRequest(
            @Schema(description = "Optional; lets the client retry safely") UUID complaintId,
            @Schema(example = "BILLING_MISTAKE") @NotNull ComplaintCategory category,
            @Schema(description = "What the complaint is about when the category is OTHER") @Size(max = 200)
            String otherCategory,
            @Schema(example = "Charged twice for order 536365") @NotBlank @Size(max = 4000) String description,
            @Schema(example = "HIGH") @NotNull Severity severity,
            @Schema(description = "The touchpoint the complaint came through") UUID touchpointId,
            @Schema(example = "2026-03-01T09:35:00Z") @NotInFuture Instant occurredAt) implements CommandBody {

        @Override
        public FileComplaint command(Target target, Instant now) {
            return new FileComplaint(target.customerId(),
                    complaintId != null ? new ComplaintId(complaintId) : ComplaintId.random(), category, otherCategory,
                    description, severity, touchpointId != null ? new TouchpointId(touchpointId) : null,
                    CommandBody.occurred(occurredAt, now));
        }

        @AssertTrue(message = "must name what the complaint is about when the category is OTHER")
        @Schema(hidden = true)
        boolean isOtherCategoryNamed() {
            return category != ComplaintCategory.OTHER || (otherCategory != null && !otherCategory.isBlank());
        }
    }

    record StepRequest(@Schema(example = "2026-03-01T10:00:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        static final StepRequest NOW = new StepRequest(null);

        @Override
        public AcknowledgeComplaint command(Target target, Instant now) {
            return new AcknowledgeComplaint(target.customerId(), target.complaintId(),
                    CommandBody.occurred(occurredAt, now));
        }
    }

    record ProposalRequest(@Schema(example = "Refund the second charge and waive next month's fee") @NotBlank
                           @Size(max = 4000) String proposal,
                           @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public ProposeSolution command(Target target, Instant now) {
            return new ProposeSolution(target.customerId(), target.complaintId(), proposal,
                    CommandBody.occurred(occurredAt, now));
        }
    }

    record AgreementRequest(@Schema(description = "When the company promised to deliver the solution",
                                    example = "2026-03-03T17:00:00Z") Instant promisedBy,
                            @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        static final AgreementRequest NOW = new AgreementRequest(null, null);

        @Override
        public AgreeSolution command(Target target, Instant now) {
            return new AgreeSolution(target.customerId(), target.complaintId(), promisedBy,
                    CommandBody.occurred(occurredAt, now));
        }
    }

    record ResolutionRequest(@Schema(example = "Refund issued; fee waived") @NotBlank @Size(max = 4000)
                             String resolution,
                             @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public ResolveComplaint command(Target target, Instant now) {
            return new ResolveComplaint(target.customerId(), target.complaintId(), resolution,
                    CommandBody.occurred(occurredAt, now));
        }
    }

    record ReopeningRequest(@Schema(example = "The refund never arrived") @NotBlank @Size(max = 4000) String reason,
                            @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public ReopenComplaint command(Target target, Instant now) {
            return new ReopenComplaint(target.customerId(), target.complaintId(), reason,
                    CommandBody.occurred(occurredAt, now));
        }
    }

    record ApologyRequest(@Schema(description = "The complaint apologised for") UUID complaintId,
                          @Schema(description = "The touchpoint apologised for") UUID touchpointId,
                          @Schema(example = "MISTAKE") @NotNull ApologyReason reason,
                          @Schema(example = "agent-042") @NotBlank @Size(max = 100) String by,
                          @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public IssueApology command(Target target, Instant now) {
            return new IssueApology(target.customerId(), complaintId != null ? new ComplaintId(complaintId) : null,
                    touchpointId != null ? new TouchpointId(touchpointId) : null, reason, by,
                    CommandBody.occurred(occurredAt, now));
        }
    }
}
