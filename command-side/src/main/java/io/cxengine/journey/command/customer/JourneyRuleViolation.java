package io.cxengine.journey.command.customer;

/**
 * A command that contradicts what the journey already says; nothing is recorded. Two kinds are told apart, because
 * the client must act differently: {@link UnknownReference} (it names a complaint, follow-up or touchpoint the customer
 * does not have) and {@link InvalidFact} (its own fields are wrong, whatever the journey holds).
 */
public class JourneyRuleViolation extends RuntimeException {

    public JourneyRuleViolation(String message) {
        super(message);
    }
}
