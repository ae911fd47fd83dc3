package io.cxengine.journey.customer;

/** Why the company apologised. */
public enum ApologyReason {
    /** "You made a mistake": apologise, acknowledge the error, say how and when it will be fixed. */
    MISTAKE,
    /** The customer waited too long. */
    WAIT,
    /** To express empathy with a customer who vented, even where the company was not at fault. */
    EMPATHY,
    /** A promise to the customer was broken. */
    BROKEN_PROMISE,
    OTHER
}
