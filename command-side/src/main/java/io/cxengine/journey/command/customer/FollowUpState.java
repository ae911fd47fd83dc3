package io.cxengine.journey.command.customer;

/** Where one promised follow-up stands. */
enum FollowUpState {
    SCHEDULED,
    /** Its due time passed; it can still be completed late. */
    MISSED,
    COMPLETED
}
