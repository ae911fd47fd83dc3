package io.cxengine.journey.command.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Objects;

/**
 * The follow-up policies ({@code journey.policies.*}): each can be switched off, and each says how long after the fact
 * that calls for it its follow-up is due.
 *
 * @param recoveryFollowUp  after a complaint is resolved (default on, due 3 days later)
 * @param lostAccountSurvey after an account is lost (default on, due 7 days later)
 */
@ConfigurationProperties("journey.policies")
record FollowUpPolicySettings(@DefaultValue Policy recoveryFollowUp, @DefaultValue Policy lostAccountSurvey) {

    FollowUpPolicySettings {
        recoveryFollowUp = recoveryFollowUp.orDelay(Duration.ofDays(3));
        lostAccountSurvey = lostAccountSurvey.orDelay(Duration.ofDays(7));
    }

    /**
     * @param enabled whether the engine runs it
     * @param delay   how long after the fact the follow-up is due (the policy's own default when left out)
     */
    record Policy(@DefaultValue("true") boolean enabled, Duration delay) {

        Policy orDelay(Duration byDefault) {
            return new Policy(enabled, Objects.requireNonNullElse(delay, byDefault));
        }
    }

    Policy of(FollowUpPolicy policy) {
        return switch (policy) {
            case RECOVERY_FOLLOW_UP -> recoveryFollowUp;
            case LOST_ACCOUNT_SURVEY -> lostAccountSurvey;
        };
    }
}
