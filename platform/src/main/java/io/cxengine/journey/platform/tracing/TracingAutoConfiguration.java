package io.cxengine.journey.platform.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.beans.factory.ObjectProvider;
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

    @Bean
    SpanFactory spanFactory(ObjectProvider<OpenTelemetry> openTelemetry) {
        OpenTelemetry sdk = openTelemetry.getIfAvailable(GlobalOpenTelemetry::get);
        return OpenTelemetrySpanFactory.builder()
                .tracer(sdk.getTracer("AxonFramework-OpenTelemetry"))
                .contextPropagators(sdk.getPropagators().getTextMapPropagator())
                .build();
    }
}
