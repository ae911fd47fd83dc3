package io.cxengine.journey.command.policy;

import io.cxengine.journey.command.recording.JourneyCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
@EnableConfigurationProperties(FollowUpPolicySettings.class)
class FollowUpPolicyConfiguration {

    /** The policies' processing group runs only where at least one of them is on. */
    @Bean
    @ConditionalOnExpression("${journey.policies.recovery-follow-up.enabled:true} "
            + "or ${journey.policies.lost-account-survey.enabled:true}")
    FollowUpPolicies followUpPolicies(JourneyCommands commands, FollowUpPolicySettings settings, Clock clock,
                                      MeterRegistry meters) {
        return new FollowUpPolicies(commands, settings, clock, meters);
    }

    /**
     * The policies start from the head of the store the first time they run: the facts recorded before the engine ran
     * them called for no follow-up then, and do not now.
     */
    @Bean
    ConfigurerModule followUpPoliciesStartAtTheHead() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                FollowUpPolicies.PROCESSING_GROUP,
                (configuration, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
    }
}
