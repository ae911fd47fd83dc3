package io.cxengine.journey.query.profile;

import io.cxengine.journey.platform.pseudonym.Pseudonym;
import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.query.http.ViewReads;
import io.cxengine.journey.query.http.UnknownPseudonym;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads customer profiles for analysts, by pseudonym. */
@Allowed(Scope.ANALYZE)
@RestController
@Tag(name = "Analytics", description = "Complaints, service standards, moments, lost accounts and retention")
class PseudonymousProfileController {

    private final CustomerProfileProjection profiles;
    private final ViewReads views;

    PseudonymousProfileController(CustomerProfileProjection profiles, ViewReads views) {
        this.profiles = profiles;
        this.views = views;
    }

    @Operation(summary = "Read a customer's profile by pseudonym", description = """
            The figures of the profile without anything that identifies the customer: no id, name, contact or \
            attribute; the pseudonym is the one `/lost-accounts` and the analyst schema show.""")
    @GetMapping(path = "/analytics/customers/{pseudonym}/profile", produces = MediaType.APPLICATION_JSON_VALUE)
    PseudonymousProfileView profile(@PathVariable Pseudonym pseudonym,
                                    @RequestParam(required = false) Long minPosition) {
        return views.read(CustomerProfileProjection.PROCESSING_GROUP, minPosition,
                () -> profiles.handle(new FindPseudonymousProfile(pseudonym)))
                .orElseThrow(() -> new UnknownPseudonym(pseudonym));
    }
}
