package io.cxengine.journey.query.outbound;

/** What a subscriber of the events going out may see of a customer. */
public enum PersonalDataOut {
    /** The customer named by pseudonym, every personal field left out: for subscribers without a personal-data scope. */
    PSEUDONYMISED,
    /** The customer id and the personal fields as recorded (erased ones as erased): for subscribers allowed them. */
    INCLUDED
}
