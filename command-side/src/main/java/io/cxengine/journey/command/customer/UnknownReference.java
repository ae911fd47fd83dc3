package io.cxengine.journey.command.customer;

/**
 * A command names a part of the customer's journey (a complaint, a follow-up, a touchpoint) that was never recorded
 * for that customer; nothing is recorded.
 */
public class UnknownReference extends JourneyRuleViolation {

    private final String kind;
    private final String id;

    UnknownReference(String kind, Object id, String message) {
        super(message);
        this.kind = kind;
        this.id = String.valueOf(id);
    }

    /** What is unknown, in the API's words: {@code complaint}, {@code follow-up} or {@code touchpoint}. */
    public String kind() {
        return kind;
    }

    /** The id the command named. */
    public String id() {
        return id;
    }
}
