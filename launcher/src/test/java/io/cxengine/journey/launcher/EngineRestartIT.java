package io.cxengine.journey.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The engine as the README runs it: its embedded PostgreSQL keeps every customer between runs. */
class EngineRestartIT {

    @TempDir
    Path workingDirectory;

    @Test
    @DisplayName("stopping and starting the engine keeps the customers it recorded")
    void keepsCustomersAcrossRestarts() {
        Path data = workingDirectory.resolve("data/postgres");
        UUID customer = UUID.randomUUID();

        try (ConfigurableApplicationContext engine = start(data)) {
            Api api = new Api(port(engine));
            assertThat(api.post("/customers", """
                    {"customerId": "%s", "name": "Katherine Johnson", "identifiedVia": "IN_PERSON"}"""
                    .formatted(customer)).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.get("/customers/" + customer + "/profile").status() == 200);
        }
        assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();

        try (ConfigurableApplicationContext engine = start(data)) {
            Api api = new Api(port(engine));
            Api.Response profile = api.get("/customers/" + customer + "/profile");
            assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
            assertThat(profile.json().get("name").asText()).isEqualTo("Katherine Johnson");
            assertThat(api.post("/customers", """
                    {"customerId": "%s", "name": "Katherine Johnson", "identifiedVia": "IN_PERSON"}"""
                    .formatted(customer)).status()).isEqualTo(409);
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(JourneyEngineApplication.class)
                .run("--server.port=0",
                        "--journey.embedded-postgres.ephemeral=false",
                        "--journey.embedded-postgres.data-directory=" + data);
    }

    private static int port(ConfigurableApplicationContext engine) {
        return ((WebServerApplicationContext) engine).getWebServer().getPort();
    }
}
