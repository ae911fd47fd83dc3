package io.cxengine.journey.launcher;

import io.cxengine.journey.query.QuerySideApplication;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two query nodes share every projection's segments, and one takes them all back when the other stops: on a store of
 * their own (a fresh embedded PostgreSQL), whose projections are split into four segments.
 */
class SegmentBalanceIT {

    @TempDir
    Path data;

    @Test
    @DisplayName("the first node holds every segment, two nodes hold two each, the one left holds all again")
    void sharedFairlyAndTakenBack() {
        String[] settings = {"--server.port=0", "--journey.embedded-postgres.ephemeral=false",
                "--journey.embedded-postgres.data-directory=" + data.resolve("postgres"),
                "--journey.processing.initial-segments=4"};
        try (ConfigurableApplicationContext first = new SpringApplicationBuilder(QuerySideApplication.class)
                .run(settings)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(held(first).values()).as(held(first).toString()).isNotEmpty().containsOnly(4));
            try (ConfigurableApplicationContext second = new SpringApplicationBuilder(QuerySideApplication.class)
                    .run(settings)) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(held(first).values()).as("first " + held(first)).containsOnly(2);
                    assertThat(held(second).values()).as("second " + held(second)).containsOnly(2);
                });
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(held(first).values()).as(held(first).toString()).containsOnly(4));
        }
    }

    /** The segments a node holds, per projection. */
    private static Map<String, Integer> held(ConfigurableApplicationContext node) {
        Map<String, Integer> held = new TreeMap<>();
        node.getBean(EventProcessingConfiguration.class).eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                held.put(name, streaming.processingStatus().size());
            }
        });
        return held;
    }
}
