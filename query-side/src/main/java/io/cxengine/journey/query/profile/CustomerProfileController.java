package io.cxengine.journey.query.profile;

import io.cxengine.journey.platform.accesslog.AccessLogged;
import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.query.http.InvalidReadRequest;
import io.cxengine.journey.query.http.LiveUpdates;
import io.cxengine.journey.query.http.ReadYourWrites;
import io.cxengine.journey.query.http.ViewReads;
import io.cxengine.journey.query.http.UnknownCustomer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;

/** Reads customer profiles, and identifies callers. */
@Allowed(Scope.AGENT)
@RestController
@Tag(name = "Profiles", description = "Who the customer is, what they are worth, and where their journey stands")
class CustomerProfileController {

    private final CustomerProfileProjection profiles;
    private final ViewReads views;
    private final LiveUpdates live;

    CustomerProfileController(CustomerProfileProjection profiles, ViewReads views, LiveUpdates live) {
        this.profiles = profiles;
        this.views = views;
        this.live = live;
    }

    @Operation(summary = "Read a customer's profile", description = """
            The profile with its version as ETag. With `minPosition` (or `X-Min-Position`), the position a write \
            answered with, the read waits up to a short bound until the profile includes that write.""")
    @AccessLogged(customer = "customerId", agentRead = true)
    @GetMapping(path = "/customers/{customerId}/profile", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CustomerProfileView> profile(@PathVariable CustomerId customerId,
                                                @RequestParam(required = false) Long minPosition,
                                                @Parameter(hidden = true) @RequestHeader(name = ReadYourWrites.HEADER,
                                                        required = false) Long minPositionHeader) {
        return views.read(CustomerProfileProjection.PROCESSING_GROUP,
                        minPosition != null ? minPosition : minPositionHeader,
                        () -> profiles.handle(new FindCustomerProfile(customerId)))
                .map(view -> ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view))
                .orElseThrow(() -> new UnknownCustomer(customerId));
    }

    @Operation(summary = "Follow a customer's profile live", description = """
            Server-Sent Events: the profile now (event `profile`), then again after every change.""")
    @AccessLogged(customer = "customerId", agentRead = true)
    @GetMapping(path = "/customers/{customerId}/profile", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter liveProfile(@PathVariable CustomerId customerId) {
        return live.stream(new FindCustomerProfile(customerId),
                ResponseTypes.optionalInstanceOf(CustomerProfileView.class),
                ResponseTypes.instanceOf(CustomerProfileView.class),
                view -> view.<List<?>>map(List::of).orElse(List.of()), "profile");
    }

    @Operation(summary = "Identify a customer by phone or e-mail", description = """
            As automated caller ID does: the customers whose phone number (digits compared) or e-mail address \
            (case-insensitive) matches. One of `phone` and `email` is required.""")
    @AccessLogged(agentRead = true)
    @GetMapping(path = "/customers", produces = MediaType.APPLICATION_JSON_VALUE)
    List<CustomerMatchView> identify(@RequestParam(required = false) String phone,
                                     @RequestParam(required = false) String email) {
        if ((phone == null || phone.isBlank()) && (email == null || email.isBlank())) {
            throw new InvalidReadRequest("phone", "or email is required");
        }
        return profiles.handle(new FindCustomersByContact(email, phone));
    }
}
