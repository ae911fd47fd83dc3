package io.cxengine.journey.launcher;

import io.cxengine.journey.query.QuerySideApplication;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A customer's timeline and profile followed live, as Server-Sent Events, on the node that runs the projections and
 * on another query node that runs none of their segments.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveUpdatesIT extends EngineIntegration {

    @Test
    @DisplayName("a follower of the timeline and of the profile sees a new moment as it is recorded")
    void followLive() {
        Api api = new Api(port);
        String customer = UUID.randomUUID().toString();
        long position = api.post("/customers", """
                {"customerId": "%s", "name": "Radia Perlman", "identifiedVia": "IN_PERSON"}""".formatted(customer))
                .json().get("position").asLong();
        api.get("/customers/" + customer + "/profile?minPosition=" + position);

        List<String> timeline = api.follow("/customers/" + customer + "/timeline");
        List<String> profile = api.follow("/customers/" + customer + "/profile");
        await().atMost(Duration.ofSeconds(10)).until(() -> profile.stream().anyMatch(line -> line.startsWith("event:profile")));

        api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "WEB_COMMUNITY", "direction": "INBOUND", "purpose": "forum question", "valence": "POSITIVE"}""");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(timeline).anyMatch(line -> line.startsWith("event:moment"));
            assertThat(timeline).anyMatch(line -> line.contains("forum question") && line.contains("WEB_COMMUNITY"));
            assertThat(profile).anyMatch(line -> line.startsWith("data:") && line.contains("\"total\":1"));
        });
    }

    @Test
    @DisplayName("a follower on another query node, which holds none of the projections' segments, sees it too")
    void followOnAnotherNode() {
        Api writes = new Api(port);
        String customer = writes.registerCustomer("Frances Allen");
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(QuerySideApplication.class)
                .run("--server.port=0")) {
            Api reads = new Api(((WebServerApplicationContext) other).getWebServer().getPort());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> reads.get("/customers/" + customer + "/profile").status() == 200);
            // This node runs no projection at all: whatever its followers see comes from the projections elsewhere.
            other.getBean(EventProcessingConfiguration.class).eventProcessors().values()
                    .forEach(EventProcessor::shutDown);
            assertThat(ownedSegments(other)).isZero();

            List<String> timeline = reads.follow("/customers/" + customer + "/timeline");
            List<String> profile = reads.follow("/customers/" + customer + "/profile");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> profile.stream().anyMatch(line -> line.startsWith("event:profile")));

            writes.post("/customers/" + customer + "/touchpoints", """
                    {"channel": "PHONE", "direction": "INBOUND", "purpose": "compiler question", "valence": "POSITIVE"}""");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(timeline).anyMatch(line -> line.contains("compiler question"));
                assertThat(profile).anyMatch(line -> line.startsWith("data:") && line.contains("\"total\":1"));
            });
        }
    }

    /** Segments of the projections a node's processors hold. */
    private static long ownedSegments(ConfigurableApplicationContext node) {
        return node.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .mapToLong(processor -> ((StreamingEventProcessor) processor).processingStatus().size())
                .sum();
    }
}
