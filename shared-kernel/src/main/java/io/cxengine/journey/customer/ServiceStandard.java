package io.cxengine.journey.customer;

import java.time.Duration;

/** A specific, measurable promise of service: a clock that starts with one fact and must stop with another in time. */
public enum ServiceStandard {
    /** A filed complaint is acknowledged to the customer in time. */
    COMPLAINT_ACKNOWLEDGEMENT,
    /** An inbound call that asked for a call back is returned in time. */
    CALL_RETURN,
    /** An inbound e-mail is answered in time. */
    EMAIL_RESPONSE,
    /** A follow-up promised to the customer is completed by its due time. */
    FOLLOW_UP,
    /** A solution the customer agreed to is delivered by the time promised. */
    PROMISED_SOLUTION,
    /** An inbound call is answered within three rings: judged from the caller's wait when the call is recorded. */
    PHONE_ANSWER,
    /** An order awaiting fulfilment is filled (or shipped) within one day of its receipt. */
    ORDER_FULFILMENT;

    /**
     * Whether the standard has a limit of its own, which the company sets and changes over time (the service standards
     * book); the others run to the due time their fact names (the follow-up's, the solution's).
     */
    public boolean hasOwnLimit() {
        return this != FOLLOW_UP && this != PROMISED_SOLUTION;
    }

    /** The longest limit a standard may have. */
    public static final Duration LONGEST_LIMIT = Duration.ofDays(365);

    /** Whether a limit can be one of a standard's: whole seconds (waits are told in seconds), more than none, at most a year. */
    public static boolean isLimit(Duration limit) {
        return limit != null && !limit.isNegative() && !limit.isZero() && limit.toNanosPart() == 0
                && limit.compareTo(LONGEST_LIMIT) <= 0;
    }
}
