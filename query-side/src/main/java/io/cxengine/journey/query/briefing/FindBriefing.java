package io.cxengine.journey.query.briefing;

import io.cxengine.journey.customer.CustomerId;

/** Asks for the briefing on one customer. */
record FindBriefing(CustomerId customerId) {
}
