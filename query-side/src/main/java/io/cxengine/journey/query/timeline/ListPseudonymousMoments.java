package io.cxengine.journey.query.timeline;

import io.cxengine.journey.platform.pseudonym.Pseudonym;
import io.cxengine.journey.query.http.PageCursor;

import java.time.Instant;

/** Asks for one page of the timeline of the customer a pseudonym names, as analysts may read it. */
record ListPseudonymousMoments(Pseudonym pseudonym, Instant from, Instant to, String channel, String valence,
                               PageCursor after, int limit) {
}
