package io.cxengine.journey.command.customer;

/**
 * A command whose own fields contradict each other or the scale they are measured on (e.g. an NPS score of 11);
 * nothing is recorded. Unlike the other journey rules it does not depend on what was recorded before.
 */
public class InvalidFact extends JourneyRuleViolation {

    private final String field;

    public InvalidFact(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field of the request that is wrong, as the API names it. */
    public String field() {
        return field;
    }
}
