package io.cxengine.journey.command.idempotency;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/** Keeps idempotency keys for their retention period. */
@Configuration
@EnableConfigurationProperties(IdempotencySettings.class)
class IdempotencyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);

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
