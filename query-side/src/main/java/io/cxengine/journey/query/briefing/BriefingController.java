package io.cxengine.journey.query.briefing;

import io.cxengine.journey.platform.accesslog.AccessLogged;
import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.query.http.ViewReads;
import io.cxengine.journey.query.http.UnknownCustomer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads the agent briefing. */
@Allowed(Scope.AGENT)
@RestController
@Tag(name = "Briefing", description = "What an agent needs before and during a contact")
class BriefingController {

    private final BriefingProjection briefings;
    private final ViewReads views;

    BriefingController(BriefingProjection briefings, ViewReads views) {
        this.briefings = briefings;
        this.views = views;
    }

    @Operation(summary = "Brief an agent on a customer", description = """
            Pre-call planning in one look: greeting name, value tier and routing priority, what is already known \
            (don't ask again), open complaints and promises due, the last three moments, preferred channel and \
            consents, and the approach the history suggests for a difficult customer.""")
    @AccessLogged(customer = "customerId", agentRead = true)
    @GetMapping(path = "/customers/{customerId}/briefing", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BriefingView> briefing(@PathVariable CustomerId customerId,
                                          @RequestParam(required = false) Long minPosition) {
        return views.read(BriefingProjection.PROCESSING_GROUP, minPosition,
                        () -> briefings.handle(new FindBriefing(customerId)))
                .map(view -> ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view))
                .orElseThrow(() -> new UnknownCustomer(customerId));
    }
}
