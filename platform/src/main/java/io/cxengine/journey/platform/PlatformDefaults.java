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

    static final Map<String, Object> DEFAULTS = Map.of(
            "axon.axonserver.enabled", "false",
            "axon.update-check.disabled", "true",
            "spring.flyway.enabled", "false",
            "axon.serializer.general", "jackson",
            "axon.serializer.events", "jackson",
            "axon.serializer.messages", "jackson",
            // Axon's annotations use attribute overrides that Spring 6.2 warns about once per annotation.
            "logging.level.org.springframework.core.annotation.AnnotationTypeMapping", "error",
            // The API documentation is served on purpose: springdoc need not warn that it is on by default.
            "logging.level.org.springdoc.core.events.SpringDocAppInitializer", "error");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // The update checker also reads this system property, before and outside Spring's environment.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        environment.getPropertySources().addLast(new MapPropertySource("journey-platform-defaults", DEFAULTS));
    }
}
