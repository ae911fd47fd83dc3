package io.cxengine.journey.query.timeline;

import java.time.Instant;
import java.util.List;

/**
 * One page of a customer's timeline as analysts read it, newest first: when each moment happened, when the company
 * learnt it, its kind, channel, stage and valence, without its summary (which may quote the customer) and without the
 * event's id; {@code next} is the cursor of the following page, absent on the last.
 */
public record PseudonymousTimelinePage(String pseudonym, List<Moment> moments, String next) {

    /** One moment, without what was said. */
    public record Moment(long sequence, Instant occurredAt, Instant recordedAt, String kind, String channel,
                         String stage, String valence) {
    }

    /** The one place a timeline page becomes what analysts see. */
    static PseudonymousTimelinePage of(String pseudonym, TimelinePage page) {
        return new PseudonymousTimelinePage(pseudonym, page.moments().stream()
                .map(moment -> new Moment(moment.sequence(), moment.occurredAt(), moment.recordedAt(), moment.kind(),
                        moment.channel(), moment.stage(), moment.valence()))
                .toList(), page.next());
    }
}
