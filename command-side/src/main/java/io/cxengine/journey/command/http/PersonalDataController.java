package io.cxengine.journey.command.http;

import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.command.customer.CustomerCommand.ErasePersonalData;
import io.cxengine.journey.customer.CustomerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/** The right to be forgotten. */
@Allowed(Scope.ERASE)
@RestController
@CommandEndpoint
@Tag(name = "Customers")
class PersonalDataController {

    private final Writes writes;
    private final Clock clock;

    PersonalDataController(Writes writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    @Operation(summary = "Erase a customer's personal data", description = """
            Crypto-shredding: destroys the customer's key, so every personal field of their history (name, contact \
            details, free text, attribute values) reads as "[erased]" everywhere: history, state, views and \
            replays. Records `PersonalDataErased` as the receipt. What happened and when stays, and so do the \
            statistics; the hash chain still verifies.""")
    @DeleteMapping("/customers/{customerId}/personal-data")
    ResponseEntity<Writes.Recorded> erase(@PathVariable CustomerId customerId, HttpServletRequest request) {
        return writes.record(new ErasePersonalData(customerId, clock.instant()), request);
    }
}
