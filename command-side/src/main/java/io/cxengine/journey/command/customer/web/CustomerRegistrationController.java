package io.cxengine.journey.command.customer.web;

import io.cxengine.journey.command.customer.CustomerCommand.RegisterCustomer;
import io.cxengine.journey.command.recording.JourneyCommands;
import io.cxengine.journey.command.recording.Receipt;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.IdentificationMethod;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Opens a customer's journey. */
@RestController
class CustomerRegistrationController {

    private final JourneyCommands commands;
    private final Clock clock;

    CustomerRegistrationController(JourneyCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping(path = "/customers", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Recorded> register(@Valid @RequestBody RegisterCustomerRequest body, HttpServletRequest request) {
        var customerId = Optional.ofNullable(body.customerId()).map(CustomerId::new).orElseGet(CustomerId::random);
        var occurredAt = Optional.ofNullable(body.occurredAt()).orElseGet(clock::instant);
        Receipt receipt = commands.record(new RegisterCustomer(customerId, body.name(), body.email(), body.phone(),
                body.identifiedVia(), occurredAt), Provenance.of(request));
        return ResponseEntity.created(URI.create("/customers/" + customerId))
                .eTag(receipt.etag())
                .body(Recorded.of(receipt));
    }

    /** A new customer as another system knows them; {@code customerId} lets a client retry safely. */
    record RegisterCustomerRequest(UUID customerId,
                                   @NotBlank @Size(max = 200) String name,
                                   @Email @Size(max = 320) String email,
                                   @Pattern(regexp = "\\+?[0-9 ()./-]{3,32}") String phone,
                                   @NotNull IdentificationMethod identifiedVia,
                                   Instant occurredAt) {
    }

    /** The receipt of a write: who, the new version and the position to read one's own write from. */
    record Recorded(UUID customerId, long version, long position) {
        static Recorded of(Receipt receipt) {
            return new Recorded(receipt.customerId().value(), receipt.version(), receipt.position());
        }
    }
}
