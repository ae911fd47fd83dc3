package io.cxengine.journey.command.customer.web;

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
import java.util.Optional;
import java.util.UUID;

/** Records complaints through their lifecycle, and apologies: the six steps of recovering a difficult customer. */
@Allowed(Scope.WRITE)
@RestController
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
        var complaintId = Optional.ofNullable(body.complaintId()).map(ComplaintId::new).orElseGet(ComplaintId::random);
        return writes.create(new FileComplaint(customerId, complaintId, body.category(), body.otherCategory(),
                        body.description(), body.severity(),
                        Optional.ofNullable(body.touchpointId()).map(TouchpointId::new).orElse(null),
                        occurred(body.occurredAt())), request,
                "/customers/%s/complaints/%s".formatted(customerId, complaintId),
                recorded -> recorded.withComplaint(complaintId.value()));
    }

    @Operation(summary = "Acknowledge a complaint", description = """
            Records that the customer was told their complaint was heard. Stops the acknowledgement standard. The \
            body is optional.""")
    @PostMapping("/customers/{customerId}/complaints/{complaintId}/acknowledgement")
    ResponseEntity<Writes.Recorded> acknowledge(@PathVariable CustomerId customerId,
                                                @PathVariable ComplaintId complaintId,
                                                @Valid @RequestBody(required = false) StepRequest body,
                                                HttpServletRequest request) {
        return writes.record(new AcknowledgeComplaint(customerId, complaintId,
                occurred(body == null ? null : body.occurredAt())), request);
    }

    @Operation(summary = "Propose a solution", description = "Records a solution proposed for an acknowledged complaint.")
    @PostMapping(path = "/customers/{customerId}/complaints/{complaintId}/proposals", consumes = "application/json")
    ResponseEntity<Writes.Recorded> propose(@PathVariable CustomerId customerId, @PathVariable ComplaintId complaintId,
                                            @Valid @RequestBody ProposalRequest body, HttpServletRequest request) {
        return writes.record(new ProposeSolution(customerId, complaintId, body.proposal(), occurred(body.occurredAt())),
                request);
    }

    @Operation(summary = "Agree on the solution", description = """
            Records that the customer agreed to the proposed solution. With `promisedBy`, the company promised a time: \
            the promised-solution standard runs until the complaint is resolved. The body is optional.""")
    @PostMapping("/customers/{customerId}/complaints/{complaintId}/agreement")
    ResponseEntity<Writes.Recorded> agree(@PathVariable CustomerId customerId, @PathVariable ComplaintId complaintId,
                                          @Valid @RequestBody(required = false) AgreementRequest body,
                                          HttpServletRequest request) {
        return writes.record(new AgreeSolution(customerId, complaintId, body == null ? null : body.promisedBy(),
                occurred(body == null ? null : body.occurredAt())), request);
    }

    @Operation(summary = "Resolve a complaint", description = "Records the resolution; a complaint is resolved once.")
    @PostMapping(path = "/customers/{customerId}/complaints/{complaintId}/resolution", consumes = "application/json")
    ResponseEntity<Writes.Recorded> resolve(@PathVariable CustomerId customerId, @PathVariable ComplaintId complaintId,
                                            @Valid @RequestBody ResolutionRequest body, HttpServletRequest request) {
        return writes.record(new ResolveComplaint(customerId, complaintId, body.resolution(),
                occurred(body.occurredAt())), request);
    }

    @Operation(summary = "Reopen a complaint", description = "Records that a resolved complaint is not resolved after all.")
    @PostMapping(path = "/customers/{customerId}/complaints/{complaintId}/reopening", consumes = "application/json")
    ResponseEntity<Writes.Recorded> reopen(@PathVariable CustomerId customerId, @PathVariable ComplaintId complaintId,
                                           @Valid @RequestBody ReopeningRequest body, HttpServletRequest request) {
        return writes.record(new ReopenComplaint(customerId, complaintId, body.reason(), occurred(body.occurredAt())),
                request);
    }

    @Operation(summary = "Issue an apology", description = """
            Records an apology for a complaint (`complaintId`) or for one contact (`touchpointId`): exactly one of the \
            two, and it must exist.""")
    @PostMapping(path = "/customers/{customerId}/apologies", consumes = "application/json")
    ResponseEntity<Writes.Recorded> apologise(@PathVariable CustomerId customerId,
                                              @Valid @RequestBody ApologyRequest body, HttpServletRequest request) {
        return writes.record(new IssueApology(customerId,
                Optional.ofNullable(body.complaintId()).map(ComplaintId::new).orElse(null),
                Optional.ofNullable(body.touchpointId()).map(TouchpointId::new).orElse(null),
                body.reason(), body.by(), occurred(body.occurredAt())), request);
    }

    private Instant occurred(Instant occurredAt) {
        return occurredAt != null ? occurredAt : clock.instant();
    }

    record ComplaintRequest(
            @Schema(description = "Optional; lets the client retry safely") UUID complaintId,
            @Schema(example = "BILLING_MISTAKE") @NotNull ComplaintCategory category,
            @Schema(description = "What the complaint is about when the category is OTHER") @Size(max = 200)
            String otherCategory,
            @Schema(example = "Charged twice for order 536365") @NotBlank @Size(max = 4000) String description,
            @Schema(example = "HIGH") @NotNull Severity severity,
            @Schema(description = "The touchpoint the complaint came through") UUID touchpointId,
            @Schema(example = "2026-03-01T09:35:00Z") @NotInFuture Instant occurredAt) {

        @AssertTrue(message = "must name what the complaint is about when the category is OTHER")
        @Schema(hidden = true)
        boolean isOtherCategoryNamed() {
            return category != ComplaintCategory.OTHER || (otherCategory != null && !otherCategory.isBlank());
        }
    }

    record StepRequest(@Schema(example = "2026-03-01T10:00:00Z") @NotInFuture Instant occurredAt) {
    }

    record ProposalRequest(@Schema(example = "Refund the second charge and waive next month's fee") @NotBlank
                           @Size(max = 4000) String proposal,
                           @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt) {
    }

    record AgreementRequest(@Schema(description = "When the company promised to deliver the solution",
                                    example = "2026-03-03T17:00:00Z") Instant promisedBy,
                            @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt) {
    }

    record ResolutionRequest(@Schema(example = "Refund issued; fee waived") @NotBlank @Size(max = 4000)
                             String resolution,
                             @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt) {
    }

    record ReopeningRequest(@Schema(example = "The refund never arrived") @NotBlank @Size(max = 4000) String reason,
                            @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt) {
    }

    record ApologyRequest(@Schema(description = "The complaint apologised for") UUID complaintId,
                          @Schema(description = "The touchpoint apologised for") UUID touchpointId,
                          @Schema(example = "MISTAKE") @NotNull ApologyReason reason,
                          @Schema(example = "agent-042") @NotBlank @Size(max = 100) String by,
                          @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt) {
    }
}
