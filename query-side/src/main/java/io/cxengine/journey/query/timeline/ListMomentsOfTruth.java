package io.cxengine.journey.query.timeline;

import io.cxengine.journey.query.http.PageCursor;
import io.cxengine.journey.customer.CustomerId;

import java.time.Instant;

/** Asks for one page of a customer's timeline, newest first, after the cursor, within the filters. */
record ListMomentsOfTruth(CustomerId customerId, Instant from, Instant to, String channel, String valence,
                          PageCursor after, int limit) {
}
