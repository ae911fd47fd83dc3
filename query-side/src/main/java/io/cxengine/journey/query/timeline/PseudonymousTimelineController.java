package io.cxengine.journey.query.timeline;

import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.platform.pseudonym.Pseudonym;
import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.query.http.PageCursor;
import io.cxengine.journey.query.http.ReadSettings;
import io.cxengine.journey.query.http.ViewReads;
import io.cxengine.journey.query.http.UnknownPseudonym;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Reads a customer's moments of truth for analysts, by pseudonym. */
@Allowed(Scope.ANALYZE)
@RestController
@Tag(name = "Analytics", description = "Complaints, service standards, moments, lost accounts and retention")
class PseudonymousTimelineController {

    private final MomentOfTruthProjection moments;
    private final ViewReads views;
    private final ReadSettings settings;

    PseudonymousTimelineController(MomentOfTruthProjection moments, ViewReads views, ReadSettings settings) {
        this.moments = moments;
        this.views = views;
        this.settings = settings;
    }

    @Operation(summary = "Read a customer's timeline by pseudonym", description = """
            As the agents' timeline (newest first, the same filters and cursor), without the summaries and the \
            event ids. 404 when the timeline holds no moment of the customer the pseudonym names.""")
    @GetMapping(path = "/analytics/customers/{pseudonym}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    PseudonymousTimelinePage timeline(@PathVariable Pseudonym pseudonym,
                                      @RequestParam(required = false) Instant from,
                                      @RequestParam(required = false) Instant to,
                                      @RequestParam(required = false) Channel channel,
                                      @RequestParam(required = false) Valence valence,
                                      @RequestParam(required = false) String cursor,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) Long minPosition) {
        int size = settings.pageSize(limit);
        return views.read(MomentOfTruthProjection.PROCESSING_GROUP, minPosition, () -> moments.handle(
                        new ListPseudonymousMoments(pseudonym, from, to, channel == null ? null : channel.name(),
                                valence == null ? null : valence.name(), PageCursor.decode(cursor), size)))
                .orElseThrow(() -> new UnknownPseudonym(pseudonym));
    }
}
