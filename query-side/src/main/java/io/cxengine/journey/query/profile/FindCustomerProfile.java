package io.cxengine.journey.query.profile;

import io.cxengine.journey.customer.CustomerId;

/** Asks for one customer's profile. */
record FindCustomerProfile(CustomerId customerId) {
}
