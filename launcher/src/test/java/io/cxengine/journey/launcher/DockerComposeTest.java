package io.cxengine.journey.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI has no Docker engine, so docker-compose.yml is checked here the way {@code docker compose config} reads it: the
 * two sides as separate services against a healthy postgres service, on a named volume, each side built from the
 * Dockerfile that exists.
 */
class DockerComposeTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static Map<String, Object> compose;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
    }

    @Test
    @DisplayName("only keys of the Compose specification at the top level")
    void topLevelKeys() {
        assertThat(compose.keySet()).isSubsetOf("services", "volumes", "networks", "configs", "secrets", "name");
    }

    @Test
    @DisplayName("postgres, command side and query side are separate services")
    @SuppressWarnings("unchecked")
    void separateServices() {
        assertThat(services().keySet()).containsExactlyInAnyOrder("postgres", "command-side", "query-side");
        assertThat(service("postgres").get("image")).asString().startsWith("postgres:17");
        assertThat(service("postgres")).containsKey("healthcheck");
        assertThat(service("postgres").get("volumes")).isEqualTo(List.of("postgres-data:/var/lib/postgresql/data"));
        assertThat(((Map<String, Object>) compose.get("volumes"))).containsKey("postgres-data");
    }

    @Test
    @DisplayName("each side builds from the Dockerfile, points at postgres and waits until it is healthy")
    @SuppressWarnings("unchecked")
    void sides() {
        for (String side : List.of("command-side", "query-side")) {
            Map<String, Object> service = service(side);
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(Files.exists(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile"))))
                    .isTrue();
            assertThat((Map<String, Object>) build.get("args")).containsEntry("SIDE", side);
            assertThat(Files.isDirectory(ROOT.resolve(side))).isTrue();
            assertThat((Map<String, Object>) service.get("environment"))
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/journey");
            assertThat((Map<String, Object>) service.get("depends_on"))
                    .containsEntry("postgres", Map.of("condition", "service_healthy"));
            assertThat(service).containsKey("healthcheck");
        }
        assertThat(List.of(service("command-side").get("ports"), service("query-side").get("ports")))
                .doesNotHaveDuplicates();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() {
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services().get(name);
    }
}
