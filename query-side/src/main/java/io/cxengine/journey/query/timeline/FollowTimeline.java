package io.cxengine.journey.query.timeline;

import io.cxengine.journey.customer.CustomerId;

/** Subscribes to a customer's timeline: the latest moments first, then each new one as it is projected. */
record FollowTimeline(CustomerId customerId) {
}
