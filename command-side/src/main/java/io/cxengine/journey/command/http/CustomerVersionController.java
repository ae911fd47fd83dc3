package io.cxengine.journey.command.http;

import io.cxengine.journey.command.recording.JourneyCommands;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A customer's current version, for systems that write with {@code If-Match} and may see nothing else. */
@Allowed(Scope.WRITE)
@RestController
@CommandEndpoint
@Tag(name = "Customers", description = "Registration, attributes and consents")
class CustomerVersionController {

    private final JourneyCommands commands;

    CustomerVersionController(JourneyCommands commands) {
        this.commands = commands;
    }

    @Operation(summary = "A customer's current version", description = """
            The version (ETag) to send as If-Match with the next write, and the position of the customer's last \
            event; straight from the event store, so always current. No personal data.""")
    @GetMapping(path = "/customers/{customerId}/version", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Writes.Recorded> version(@PathVariable CustomerId customerId) {
        var receipt = commands.current(customerId.toString())
                .orElseThrow(() -> new AggregateNotFoundException(customerId.toString(), "No such customer"));
        return ResponseEntity.ok().eTag(receipt.etag()).body(Writes.Recorded.of(receipt));
    }
}
