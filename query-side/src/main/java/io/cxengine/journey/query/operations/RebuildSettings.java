package io.cxengine.journey.query.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How a rebuild of the projections runs ({@code journey.rebuild.*}).
 *
 * @param batchSize   events handed to every projection being rebuilt per transaction (their writes go as one batch)
 * @param lockTimeout how long the swap waits for the live tables' readers before it gives up (and is retried)
 * @param swapAttempts how many times the swap is tried before the rebuild is reported failed
 * @param readAhead   how many batches the fastest projection may be ahead of the slowest (each projection writes on a
 *                    thread of its own), which bounds the events held in memory
 */
@ConfigurationProperties("journey.rebuild")
public record RebuildSettings(@DefaultValue("1000") int batchSize, @DefaultValue("5s") Duration lockTimeout,
                              @DefaultValue("3") int swapAttempts, @DefaultValue("4") int readAhead) {
}
