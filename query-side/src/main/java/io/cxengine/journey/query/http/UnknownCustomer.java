package io.cxengine.journey.query.http;

import io.cxengine.journey.customer.CustomerId;

/** No read model knows this customer (never registered, or not projected yet). */
public class UnknownCustomer extends RuntimeException {

    public UnknownCustomer(CustomerId customerId) {
        super("No customer %s is known".formatted(customerId));
    }
}
