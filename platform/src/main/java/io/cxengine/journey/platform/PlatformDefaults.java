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
            // Reachable from this machine only, until an operator binds it wider (SERVER_ADDRESS=0.0.0.0) behind
            // an identity provider.
            Map.entry("server.address", "127.0.0.1"),
            // Health answers anyone, so it says UP or DOWN and nothing about the parts behind it.
            Map.entry("management.endpoint.health.show-details", "never"),
            Map.entry("management.endpoint.health.show-components", "never"),
            // Axon 4.12 wraps every handler call, event-sourcing handlers included, in a timed task: on a customer
            // with hundreds of events that is most of a command's CPU. Handlers here are short; waits are the database's.
            Map.entry("axon.timeout.enabled", "false"),
            Map.entry("axon.serializer.general", "jackson"),
            Map.entry("axon.serializer.events", "jackson"),
            Map.entry("axon.serializer.messages", "jackson"),
            // Five projections of four segments each hold a connection per work package, besides the requests'.
            // Idle connections stay few, so that several engines (or test contexts) can share one PostgreSQL.
            Map.entry("spring.datasource.hikari.maximum-pool-size", "60"),
            Map.entry("spring.datasource.hikari.minimum-idle", "8"),
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
