package io.cxengine.journey.command.http;

import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.command.customer.CustomerCommand.RecordTouchpoint;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
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

/** Records moments of truth. */
@Allowed(Scope.WRITE)
@RestController
@CommandEndpoint
@Tag(name = "Touchpoints", description = "Every contact is a moment of truth")
class TouchpointController {

    private final Writes writes;
    private final Clock clock;

    TouchpointController(Writes writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    @Operation(summary = "Record a touchpoint", description = """
            Records one contact with its channel, direction, purpose, stage of the interaction cycle and valence. \
            An inbound call with `callbackRequested` starts the call-return standard; an inbound e-mail starts the \
            e-mail-response standard; an outbound call or e-mail stops them. `occurredAt` may lie in the past \
            (a letter, a fax, a call logged later).""")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(path = "/customers/{customerId}/touchpoints", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Writes.Recorded> record(@PathVariable CustomerId customerId,
                                           @Valid @RequestBody TouchpointRequest body, HttpServletRequest request) {
        RecordTouchpoint command = body.command(CommandBody.Target.customer(customerId), clock.instant());
        return writes.create(command, request,
                "/customers/%s/touchpoints/%s".formatted(customerId, command.touchpointId()),
                recorded -> recorded.withTouchpoint(command.touchpointId().value()));
    }

    record TouchpointRequest(
            @Schema(description = "Optional; lets the client retry safely") UUID touchpointId,
            @Schema(example = "PHONE") @NotNull Channel channel,
            @Schema(example = "INBOUND") @NotNull Direction direction,
            @Schema(example = "billing question") @NotBlank @Size(max = 200) String purpose,
            @Schema(example = "UNDERSTANDING") InteractionStage stage,
            @Schema(example = "NEGATIVE") @NotNull Valence valence,
            @Schema(example = "agent-042") @Size(max = 100) String agentId,
            @Schema(description = "Who handled the contact: the outsourced contact centre's name; default in-house",
                    example = "in-house") @Size(max = 100) String contactCentre,
            @Schema(example = "420") @PositiveOrZero @Max(86_400) Integer waitSeconds,
            @Schema(example = "300") @PositiveOrZero @Max(86_400) Integer durationSeconds,
            @Schema(example = "Customer waited seven minutes; invoice shows a double charge") @Size(max = 4000) String note,
            @Schema(description = "The caller asked to be called back (starts the call-return standard)")
            Boolean callbackRequested,
            @Schema(description = "The conversation the contact is part of: one interaction cycle (greeting, "
                    + "understanding, agreeing, delivering, closing) over one or more contacts; the client's own id",
                    example = "call-2026-03-01-0042") @Size(max = 100) @Pattern(regexp = "[\\p{Graph}]+") String conversationId,
            @Schema(example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt) implements CommandBody {

        @Override
        public RecordTouchpoint command(Target target, Instant now) {
            return new RecordTouchpoint(target.customerId(),
                    touchpointId != null ? new TouchpointId(touchpointId) : TouchpointId.random(), channel, direction,
                    purpose, stage, valence, agentId, contactCentre, waitSeconds, durationSeconds, note,
                    Boolean.TRUE.equals(callbackRequested), conversationId, CommandBody.occurred(occurredAt, now));
        }
    }
}
