package io.cxengine.journey.command.serviceclock;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the clocks are fired ({@code journey.service-clocks.*}).
 *
 * @param pollInterval how often the poller looks for clocks that have run out (a breach is recorded at most this late)
 * @param batchSize    how many clocks one look fires at most before it looks again
 * @param retryAfter   how long a clock whose firing failed (its customer held too long, the database gone) waits
 *                     before it is tried again
 */
@ConfigurationProperties("journey.service-clocks")
record ServiceClockSettings(@DefaultValue("1s") Duration pollInterval, @DefaultValue("100") int batchSize,
                            @DefaultValue("30s") Duration retryAfter) {
}
