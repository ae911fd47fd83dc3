package io.cxengine.journey.command.customer;

/** A command that contradicts what the journey already says; nothing is recorded. */
public class JourneyRuleViolation extends RuntimeException {

    public JourneyRuleViolation(String message) {
        super(message);
    }
}
