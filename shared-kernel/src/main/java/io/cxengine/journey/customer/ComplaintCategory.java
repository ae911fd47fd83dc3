package io.cxengine.journey.customer;

/** What a complaint is about, in the categories the CX material names; {@code OTHER} carries free text. */
public enum ComplaintCategory {
    BILLING_MISTAKE,
    CONFUSING_PRODUCT,
    DELIVERY_DELAY,
    GUARANTEE_NOT_FULFILLED,
    INCOMPETENT_EMPLOYEE,
    INCORRECT_INFORMATION,
    ORDER_FILLED_INCORRECTLY,
    BAD_QUALITY,
    PRODUCT_UNAVAILABLE,
    OTHER
}
