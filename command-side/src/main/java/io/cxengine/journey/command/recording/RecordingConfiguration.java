package io.cxengine.journey.command.recording;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.cxengine.journey.command.customer.ServiceStandards;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/** How commands are recorded: provenance on every event, versions from {@code If-Match}, service standards. */
@Configuration
@EnableConfigurationProperties({ServiceStandardSettings.class, IdempotencySettings.class, SnapshotSettings.class})
class RecordingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RecordingConfiguration.class);

    @Bean
    CorrelationDataProvider provenanceProvider() {
        return new ProvenanceProvider();
    }

    /**
     * Facts recorded when a deadline fires (a breached standard, a missed follow-up) carry provenance too: Axon gives
     * a deadline's unit of work no correlation data of its own.
     */
    @Bean
    InitializingBean provenanceOnDeadlines(DeadlineManager deadlines, CorrelationDataProvider provenanceProvider) {
        return () -> deadlines.registerHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.registerCorrelationDataProvider(provenanceProvider);
            return chain.proceed();
        });
    }

    /** Named in the Customer aggregate's {@code @Aggregate(commandTargetResolver = …)}. */
    @Bean
    ExpectedVersionResolver customerTargetResolver() {
        return new ExpectedVersionResolver();
    }

    @Bean
    SpringAggregateSnapshotterFactoryBean snapshotter() {
        return new SpringAggregateSnapshotterFactoryBean();
    }

    /** Named in the Customer aggregate's {@code @Aggregate(snapshotTriggerDefinition = …)}. */
    @Bean
    SnapshotTriggerDefinition customerSnapshotTrigger(Snapshotter snapshotter, SnapshotSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.threshold());
    }

    @Bean
    ServiceStandards serviceStandards(ServiceStandardSettings settings) {
        return settings.standards();
    }

    /** Forgets idempotency keys once their retention has passed, hourly. */
    @Bean
    RecurringTask<Void> idempotencyExpiry(IdempotencyRecords records, IdempotencySettings settings, Clock clock) {
        return Tasks.recurring("idempotency-expiry", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> {
                    int expired = records.expire(clock.instant().minus(settings.retention()));
                    if (expired > 0) {
                        log.info("Forgot {} idempotency keys older than {}", expired, settings.retention());
                    }
                });
    }
}
