package io.cxengine.journey.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Settings that every deployment of the engine needs and none may forget, added with the lowest precedence so that
 * any of them can still be overridden: no Axon Server, no update check phoning home, no Spring Boot Flyway (each owner
 * of tables runs its own), Jackson everywhere.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("axon.axonserver.enabled", "false"),
            Map.entry("axon.update-check.disabled", "true"),
            Map.entry("spring.flyway.enabled", "false"),
            // No endpoint takes uploads: a multipart body is then a 415 like any other wrong type, not a parse
            // failure before the request reaches the API.
            Map.entry("spring.servlet.multipart.enabled", "false"),
            // Reachable from this machine only, until an operator binds it wider (SERVER_ADDRESS=0.0.0.0) behind
            // an identity provider.
            Map.entry("server.address", "127.0.0.1"),
            // Health answers anyone, so it says UP or DOWN and nothing about the parts behind it.
            Map.entry("management.endpoint.health.show-details", "never"),
            Map.entry("management.endpoint.health.show-components", "never"),
            // Liveness and readiness for an orchestrator or a load balancer: /actuator/health/liveness says the
            // process runs; /actuator/health/readiness also needs the database and, where a limit is set
            // (journey.readiness.max-projection-lag), the projections close enough behind the store. A node without
            // projections has no such indicator, hence no check that every group member exists.
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("management.endpoint.health.group.readiness.include", "readinessState,db,projectionLag"),
            Map.entry("management.endpoint.health.validate-group-membership", "false"),
            Map.entry("management.endpoints.web.exposure.include", "health,info,metrics,prometheus"),
            // Axon's meters with tags (processor, payload type) rather than one name per component.
            Map.entry("axon.metrics.micrometer.dimensional", "true"),
            // Traces are off until an operator switches them on with a sampling probability and an OTLP endpoint
            // (docs/operations.md, "Traces"): spans nobody collects cost the write path (docs/benchmarks.md).
            Map.entry("management.tracing.enabled", "false"),
            Map.entry("management.tracing.sampling.probability", "0.0"),
            // Axon 4.12 wraps every handler call, event-sourcing handlers included, in a timed task: on a customer
            // with hundreds of events that is most of a command's CPU. Handlers here are short; waits are the database's.
            Map.entry("axon.timeout.enabled", "false"),
            Map.entry("axon.serializer.general", "jackson"),
            Map.entry("axon.serializer.events", "jackson"),
            Map.entry("axon.serializer.messages", "jackson"),
            // Five projections hold a connection per work package (per segment: four each in a store made before
            // 6 December 2026), besides the requests'.
            // Idle connections stay few, so that several engines (or test contexts) can share one PostgreSQL.
            Map.entry("spring.datasource.hikari.maximum-pool-size", "60"),
            Map.entry("spring.datasource.hikari.minimum-idle", "8"),
            // A database that stops answering costs a request seconds, never a hang (docs/reliability.md): the pool
            // waits at most 5 s for a connection and 2 s to check an idle one; the driver gives up on a connection
            // attempt or login after 5 s and on a statement that receives nothing for 10 s. The request then answers
            // 503 with Retry-After. Parameters in an external SPRING_DATASOURCE_URL take precedence over these.
            Map.entry("spring.datasource.hikari.connection-timeout", "5000"),
            Map.entry("spring.datasource.hikari.validation-timeout", "2000"),
            Map.entry("spring.datasource.hikari.data-source-properties.connectTimeout", "5"),
            Map.entry("spring.datasource.hikari.data-source-properties.loginTimeout", "5"),
            Map.entry("spring.datasource.hikari.data-source-properties.socketTimeout", "10"),
            Map.entry("spring.datasource.hikari.data-source-properties.tcpKeepAlive", "true"),
            // The projections name their tables without a schema: read_model when serving, the shadow copies a
            // rebuild fills (which sets its own search path) otherwise. An external URL's currentSchema must keep
            // both schemas (docs/operations.md).
            Map.entry("spring.datasource.hikari.data-source-properties.currentSchema", "public,read_model"),
            // A batch of inserts (the events of a command, a projection's queued writes) goes as multi-row inserts.
            Map.entry("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true"),
            // Axon's annotations use attribute overrides that Spring 6.2 warns about once per annotation.
            Map.entry("logging.level.org.springframework.core.annotation.AnnotationTypeMapping", "error"),
            // The API documentation is served on purpose: springdoc need not warn that it is on by default.
            Map.entry("logging.level.org.springdoc.core.events.SpringDocAppInitializer", "error"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // The update checker also reads this system property, before and outside Spring's environment.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        environment.getPropertySources().addLast(new MapPropertySource("journey-platform-defaults", DEFAULTS));
    }
}
