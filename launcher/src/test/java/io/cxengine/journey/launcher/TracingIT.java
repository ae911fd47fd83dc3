package io.cxengine.journey.launcher;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command over HTTP is one trace: the request's span and Axon's spans of dispatching and handling the command and
 * publishing its event share its trace id (every request sampled here; the exporter is an in-memory one, where
 * production would configure an OTLP endpoint). The projections' spans join the trace through the event's metadata
 * when this context's processors hold the segments, which other test contexts on the shared database may not let it:
 * not asserted here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.tracing.enabled=true", "management.tracing.sampling.probability=1.0"})
@DirtiesContext // closed after it: its processors must not hold segments that later tests' rebuilds need
class TracingIT extends EngineIntegration {

    @TestConfiguration
    static class Spans {
        @Bean
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @Autowired
    InMemorySpanExporter spans;

    @Test
    @DisplayName("the request, the command's dispatch and handling and its event's publication share one trace")
    void oneTracePerCommand() {
        String customer = UUID.randomUUID().toString();
        Api.Response registered = api.post("/customers", """
                {"customerId": "%s", "name": "Ada Lovelace", "identifiedVia": "IMPORT"}""".formatted(customer));
        assertThat(registered.status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<SpanData> finished = spans.getFinishedSpanItems();
            SpanData request = finished.stream()
                    .filter(span -> span.getName().startsWith("http post") && span.getName().contains("/customers"))
                    .reduce((first, second) -> second).orElseThrow(() -> new AssertionError(names(finished)));
            List<String> inTrace = finished.stream()
                    .filter(span -> span.getTraceId().equals(request.getTraceId())).map(SpanData::getName).toList();
            assertThat(inTrace).as(names(finished)).contains("CommandBus.dispatchCommand(RegisterCustomer)",
                    "CommandBus.handleCommand(RegisterCustomer)", "Customer.handle(RegisterCustomer)",
                    "EventBus.publishEvent(CustomerRegistered)");
        });
    }

    private static String names(List<SpanData> spans) {
        return spans.stream().map(span -> span.getName() + " " + span.getTraceId()).toList().toString();
    }
}
