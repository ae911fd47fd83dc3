package io.cxengine.journey.customer;

/** Who started a contact: the customer (inbound) or the company (outbound). */
public enum Direction {
    INBOUND, OUTBOUND
}
