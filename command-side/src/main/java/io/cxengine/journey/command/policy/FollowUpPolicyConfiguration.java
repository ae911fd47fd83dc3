package io.cxengine.journey.command.policy;

import io.cxengine.journey.command.recording.JourneyCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;

@Configuration
class FollowUpPolicyConfiguration {

    /**
     * The policies' processing group runs only where at least one of them is on. Their settings are bound here rather
     * than as a configuration-properties bean of their own, which this method's parameter did not find.
     */
    @Bean
    @ConditionalOnExpression("${journey.policies.recovery-follow-up.enabled:true} "
            + "or ${journey.policies.lost-account-survey.enabled:true}")
    FollowUpPolicies followUpPolicies(JourneyCommands commands, Environment environment, Clock clock,
                                      MeterRegistry meters) {
        return new FollowUpPolicies(commands, settings(environment), clock, meters);
    }

    static FollowUpPolicySettings settings(Environment environment) {
        return Binder.get(environment).bindOrCreate("journey.policies", FollowUpPolicySettings.class);
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
