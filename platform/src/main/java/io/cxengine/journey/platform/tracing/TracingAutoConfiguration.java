package io.cxengine.journey.platform.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Axon's spans (a command dispatched and handled, its events published, each projection's handling, a deadline
 * fired) in the same traces as Spring's (the HTTP request, the JDBC pool): Axon's OpenTelemetry span factory on the
 * OpenTelemetry SDK that Spring Boot builds for Micrometer Tracing, rather than on the global instance Spring never
 * sets. Spans leave the process only where an OTLP endpoint is configured ({@code docs/operations.md}, "Traces");
 * trace and span ids are in every log line of a traced request either way.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
        beforeName = {"org.axonframework.springboot.autoconfig.OpenTelemetryAutoConfiguration",
                "org.axonframework.springboot.autoconfig.AxonTracingAutoConfiguration"})
public class TracingAutoConfiguration {

    /**
     * Axon's spans only where traces are recorded: with tracing off or nothing sampled, Axon's span for every command,
     * event and handler slowed the write path measurably (docs/benchmarks.md, "Observability") for spans
     * nobody sees.
     */
    @Bean
    SpanFactory spanFactory(ObjectProvider<OpenTelemetry> openTelemetry,
                            @Value("${management.tracing.enabled:false}") boolean tracing,
                            @Value("${management.tracing.sampling.probability:0}") double sampled) {
        if (!tracing || sampled <= 0) {
            return NoOpSpanFactory.INSTANCE;
        }
        OpenTelemetry sdk = openTelemetry.getIfAvailable(GlobalOpenTelemetry::get);
        return OpenTelemetrySpanFactory.builder()
                .tracer(sdk.getTracer("AxonFramework-OpenTelemetry"))
                .contextPropagators(sdk.getPropagators().getTextMapPropagator())
                .build();
    }
}
