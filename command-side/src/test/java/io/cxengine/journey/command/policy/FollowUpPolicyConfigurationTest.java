package io.cxengine.journey.command.policy;

import io.cxengine.journey.command.recording.JourneyCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policies' configuration on its own, as a node that only records commands starts it: on by default with their
 * own delays, each one switched off alone, and no processing group at all with both off.
 */
class FollowUpPolicyConfigurationTest {

    private final ApplicationContextRunner engine = new ApplicationContextRunner()
            .withUserConfiguration(FollowUpPolicyConfiguration.class)
            // The write path is not the subject here: the policies only need something to send their commands to.
            .withBean(JourneyCommands.class, () -> Mockito.mock(JourneyCommands.class))
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    @DisplayName("by default both policies run: a recovery follow-up due 3 days after, a lost-account survey 7 days after")
    void defaults() {
        engine.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(FollowUpPolicies.class);
            FollowUpPolicySettings settings = FollowUpPolicyConfiguration.settings(context.getEnvironment());
            assertThat(settings.recoveryFollowUp()).isEqualTo(new FollowUpPolicySettings.Policy(true, Duration.ofDays(3)));
            assertThat(settings.lostAccountSurvey()).isEqualTo(new FollowUpPolicySettings.Policy(true, Duration.ofDays(7)));
        });
    }

    @Test
    @DisplayName("one switched off keeps its own delay apart; both off, the processing group does not run")
    void switchedOff() {
        engine.withPropertyValues("journey.policies.recovery-follow-up.enabled=false",
                "journey.policies.lost-account-survey.delay=10d").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(FollowUpPolicies.class);
            FollowUpPolicySettings settings = FollowUpPolicyConfiguration.settings(context.getEnvironment());
            assertThat(settings.recoveryFollowUp().enabled()).isFalse();
            assertThat(settings.lostAccountSurvey()).isEqualTo(new FollowUpPolicySettings.Policy(true, Duration.ofDays(10)));
        });
        engine.withPropertyValues("journey.policies.recovery-follow-up.enabled=false",
                "journey.policies.lost-account-survey.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(FollowUpPolicies.class));
    }
}
