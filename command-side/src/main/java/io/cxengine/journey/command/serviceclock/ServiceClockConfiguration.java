package io.cxengine.journey.command.serviceclock;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;

@Configuration
@EnableConfigurationProperties(ServiceClockSettings.class)
class ServiceClockConfiguration {

    /** The engine's deadline manager (Axon's own, on db-scheduler, steps aside for it). */
    @Bean
    ServiceClockDeadlines deadlineManager(JdbcClient jdbc, @Qualifier("eventSerializer") Serializer serializer,
                                          org.axonframework.config.Configuration axon,
                                          TransactionManager unitTransactions, PlatformTransactionManager transactions,
                                          ServiceClockSettings settings, Clock clock, MeterRegistry meters) {
        return new ServiceClockDeadlines(jdbc, serializer, new ConfigurationScopeAwareProvider(axon), unitTransactions,
                transactions, settings, clock, new DeadlineMeters(meters, jdbc, clock));
    }

    /**
     * Deadlines an older engine scheduled with db-scheduler (Axon's task, in its binary form): fired at their time as
     * the engine's own. In place of Axon's task of the same name, which would look for Axon's deadline manager.
     */
    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> legacyDeadlines(ServiceClockDeadlines deadlines,
                                                           @Qualifier("eventSerializer") Serializer serializer) {
        return new Tasks.OneTimeTaskBuilder<>(ServiceClockDeadlines.LEGACY_TASK, DbSchedulerBinaryDeadlineDetails.class)
                .execute((instance, context) -> deadlines.fireLegacy(instance.getData().asDeadLineMessage(serializer),
                        instance.getData().getDeserializedScopeDescriptor(serializer)));
    }
}
