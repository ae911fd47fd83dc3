package io.cxengine.journey.query.outbound;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The query side's own db-scheduler (table {@code webhook_tasks}; the command side's scheduler, if it runs in the same
 * process, keeps {@code scheduled_tasks} and never sees this task): the recurring task that sends webhook deliveries,
 * run by one query node at a time.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookSettings.class)
class WebhookConfiguration {

    /** Not a bean of type Task: a db-scheduler starter in the same context would schedule it on its own table too. */
    @Bean
    WebhookScheduler webhookScheduler(DataSource dataSource, WebhookSender sender, WebhookSettings settings) {
        RecurringTask<Void> deliveries = Tasks.recurring(WebhookSender.TASK, FixedDelay.of(settings.pollInterval()))
                .execute((instance, context) -> sender.sendDue());
        return new WebhookScheduler(Scheduler.create(dataSource)
                .tableName("webhook_tasks")
                .startTasks(deliveries)
                .pollingInterval(settings.pollInterval())
                .threads(1)
                .heartbeatInterval(Duration.ofSeconds(10))
                .shutdownMaxWait(Duration.ofSeconds(15))
                .build());
    }

    /** Starts the scheduler with the engine, stops it before the database goes. */
    static final class WebhookScheduler implements SmartLifecycle {

        private final Scheduler scheduler;
        private volatile boolean running;

        WebhookScheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void start() {
            scheduler.start();
            running = true;
        }

        @Override
        public void stop() {
            scheduler.stop();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
