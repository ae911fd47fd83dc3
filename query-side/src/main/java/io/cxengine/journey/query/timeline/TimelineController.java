package io.cxengine.journey.query.timeline;

import io.cxengine.journey.platform.accesslog.AccessLogged;
import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.query.http.PageCursor;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.query.http.LiveUpdates;
import io.cxengine.journey.query.http.ReadSettings;
import io.cxengine.journey.query.http.ReadYourWrites;
import io.cxengine.journey.query.http.ViewReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Instant;

/** Reads a customer's moments of truth. */
@Allowed(Scope.AGENT)
@RestController
@Tag(name = "Timeline", description = "Every moment of truth of a customer, newest first")
class TimelineController {

    private final MomentOfTruthProjection moments;
    private final ViewReads views;
    private final ReadSettings settings;
    private final LiveUpdates live;

    TimelineController(MomentOfTruthProjection moments, ViewReads views, ReadSettings settings,
                       LiveUpdates live) {
        this.moments = moments;
        this.views = views;
        this.settings = settings;
        this.live = live;
    }

    @Operation(summary = "Read a customer's timeline", description = """
            Moments of truth newest first (by when they happened), filtered by time, channel and valence, in pages: \
            pass the `next` cursor of a page to get the following one. Pages are stable while moments are added.""")
    @AccessLogged(customer = "customerId", agentRead = true)
    @GetMapping(path = "/customers/{customerId}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    TimelinePage timeline(@PathVariable CustomerId customerId,
                          @RequestParam(required = false) Instant from,
                          @RequestParam(required = false) Instant to,
                          @RequestParam(required = false) Channel channel,
                          @RequestParam(required = false) Valence valence,
                          @RequestParam(required = false) String cursor,
                          @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) Long minPosition,
                          @Parameter(hidden = true) @RequestHeader(name = ReadYourWrites.HEADER, required = false)
                          Long minPositionHeader) {
        int size = settings.pageSize(limit);
        return views.read(MomentOfTruthProjection.PROCESSING_GROUP, minPosition != null ? minPosition : minPositionHeader,
                () -> moments.handle(new ListMomentsOfTruth(customerId, from, to,
                        channel == null ? null : channel.name(), valence == null ? null : valence.name(),
                        PageCursor.decode(cursor), size)));
    }

    @Operation(summary = "Follow a customer's timeline live", description = """
            Server-Sent Events: the latest moments (event `moment`, newest first), then each new moment as it is \
            recorded.""")
    @AccessLogged(customer = "customerId", agentRead = true)
    @GetMapping(path = "/customers/{customerId}/timeline", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter follow(@PathVariable CustomerId customerId) {
        return live.stream(new FollowTimeline(customerId), ResponseTypes.multipleInstancesOf(MomentOfTruthView.class),
                ResponseTypes.instanceOf(MomentOfTruthView.class), moments -> moments, "moment");
    }
}
