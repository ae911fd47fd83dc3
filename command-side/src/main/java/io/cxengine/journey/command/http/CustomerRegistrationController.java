package io.cxengine.journey.command.http;

import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.command.customer.CustomerCommand.Attribute;
import io.cxengine.journey.command.customer.CustomerCommand.RecordAttribute;
import io.cxengine.journey.command.customer.CustomerCommand.RecordConsent;
import io.cxengine.journey.command.customer.CustomerCommand.RegisterCustomer;
import io.cxengine.journey.customer.AttributeKind;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.IdentificationMethod;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Identifies customers and remembers what is known about them. */
@Allowed(Scope.WRITE)
@RestController
@CommandEndpoint
@Tag(name = "Customers", description = "Identify customers, remember what is known of them and what they consent to")
class CustomerRegistrationController {

    private final Writes writes;
    private final Clock clock;

    CustomerRegistrationController(Writes writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    @Operation(summary = "Register a customer", description = """
            Opens a customer's journey, with what is already known of them (attributes) and the channels over which \
            they welcome contact. Give `customerId` to retry safely; otherwise the server assigns one.""")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(path = "/customers", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Writes.Recorded> register(@Valid @RequestBody RegisterCustomerRequest body,
                                             HttpServletRequest request) {
        RegisterCustomer command = body.command(CommandBody.Target.customer(null), clock.instant());
        return writes.create(command, request, "/customers/" + command.customerId(), UnaryOperator.identity());
    }

    @Operation(summary = "Record an attribute", description = """
            Remembers one demographic, psychographic or firmographic attribute, so that nobody asks the customer \
            again. Recording the value already known records nothing. Special-category attributes (religion, ethnic \
            origin, political opinion, health…) need `explicitConsent: true`.""")
    @PostMapping(path = "/customers/{customerId}/attributes", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Writes.Recorded> recordAttribute(@PathVariable CustomerId customerId,
                                                    @Valid @RequestBody AttributeRequest body,
                                                    HttpServletRequest request) {
        return writes.record(body.command(CommandBody.Target.customer(customerId), clock.instant()), request);
    }

    @Operation(summary = "Grant or withdraw consent for a channel", description = """
            Records whether the customer welcomes contact over a channel. Recording the state already known records \
            nothing.""")
    @PostMapping(path = "/customers/{customerId}/consents", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Writes.Recorded> recordConsent(@PathVariable CustomerId customerId,
                                                  @Valid @RequestBody ConsentRequest body,
                                                  HttpServletRequest request) {
        return writes.record(body.command(CommandBody.Target.customer(customerId), clock.instant()), request);
    }

    record RegisterCustomerRequest(
            @Schema(description = "Optional; lets the client retry safely", example = "0b8e1f5c-3f57-4c43-9a1e-6a3c2f1d9e70")
            UUID customerId,
            @Schema(example = "Ada Lovelace") @NotBlank @Size(max = 200) String name,
            @Schema(example = "ada@example.com") @Email @Size(max = 320) String email,
            @Schema(example = "+44 20 7946 0000") @Pattern(regexp = "\\+?[0-9 ()./-]{3,32}") String phone,
            @Schema(example = "CALLER_ID") @NotNull IdentificationMethod identifiedVia,
            @Valid @Size(max = 100) List<AttributeBody> attributes,
            @Schema(description = "Channels over which the customer welcomes contact", example = "[\"EMAIL\", \"PHONE\"]")
            @Size(max = 20) Set<@NotNull Channel> consents,
            @Schema(description = "When the customer was identified; default now", example = "2026-03-01T09:30:00Z")
            @NotInFuture Instant occurredAt) implements CommandBody {

        /** The customer the body names, or a new one; a path never names the customer it registers. */
        @Override
        public RegisterCustomer command(Target target, Instant now) {
            return new RegisterCustomer(customerId != null ? new CustomerId(customerId) : CustomerId.random(), name,
                    email, phone, identifiedVia,
                    Objects.requireNonNullElse(attributes, List.<AttributeBody>of()).stream()
                            .map(AttributeBody::attribute).toList(),
                    Objects.requireNonNullElse(consents, Set.of()), CommandBody.occurred(occurredAt, now));
        }
    }

    record AttributeBody(@Schema(example = "DEMOGRAPHIC") @NotNull AttributeKind kind,
                         @Schema(example = "household size") @NotBlank @Size(max = 100) String name,
                         @Schema(example = "4") @NotNull @Size(max = 1000) String value,
                         @Schema(description = "The customer explicitly consented to a special-category attribute")
                         Boolean explicitConsent) {
        Attribute attribute() {
            return new Attribute(kind, name, value, Boolean.TRUE.equals(explicitConsent));
        }
    }

    record AttributeRequest(@Schema(example = "PSYCHOGRAPHIC") @NotNull AttributeKind kind,
                            @Schema(example = "hobby") @NotBlank @Size(max = 100) String name,
                            @Schema(example = "sailing") @NotNull @Size(max = 1000) String value,
                            @Schema(description = "The customer explicitly consented to a special-category attribute")
                            Boolean explicitConsent,
                            @Schema(example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public RecordAttribute command(Target target, Instant now) {
            return new RecordAttribute(target.customerId(),
                    new Attribute(kind, name, value, Boolean.TRUE.equals(explicitConsent)),
                    CommandBody.occurred(occurredAt, now));
        }
    }

    record ConsentRequest(@Schema(example = "EMAIL") @NotNull Channel channel,
                          @Schema(example = "true") @NotNull Boolean granted,
                          @Schema(example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public RecordConsent command(Target target, Instant now) {
            return new RecordConsent(target.customerId(), channel, granted, CommandBody.occurred(occurredAt, now));
        }
    }
}
