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
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI has no Docker engine, so docker-compose.yml is checked here the way {@code docker compose config} reads it: the
 * two sides as separate services against a healthy postgres service, on a named volume, each side built from the
 * Dockerfile that exists; no published database port, no secret in the file, and the least-privileged logins.
 */
class DockerComposeTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}");
    static final Path ROLES_SCRIPT = ROOT.resolve("docker/postgres-init/10-journey-roles.sh");
    static String text;
    static Map<String, Object> compose;

    @BeforeAll
    static void read() throws IOException {
        text = Files.readString(ROOT.resolve("docker-compose.yml"));
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
        assertThat((List<String>) service("postgres").get("volumes"))
                .containsExactly("postgres-data:/var/lib/postgresql/data",
                        "./docker/postgres-init:/docker-entrypoint-initdb.d:ro");
        assertThat(((Map<String, Object>) compose.get("volumes"))).containsKey("postgres-data");
    }

    @Test
    @DisplayName("PostgreSQL publishes no port: only the sides reach it")
    void noDatabasePort() {
        assertThat(service("postgres")).doesNotContainKeys("ports", "network_mode");
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
            assertThat(environment(side))
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/journey")
                    .containsEntry("SERVER_ADDRESS", "0.0.0.0")
                    .containsKeys("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", "JOURNEY_KEYS_KEK");
            assertThat((Map<String, Object>) service.get("depends_on"))
                    .containsEntry("postgres", Map.of("condition", "service_healthy"));
            assertThat(service).containsKey("healthcheck");
        }
        assertThat(List.of(service("command-side").get("ports"), service("query-side").get("ports")))
                .doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("every password, key and issuer is a required variable from .env, never a literal")
    void noLiteralSecrets() {
        for (String name : services().keySet()) {
            environment(name).forEach((key, value) -> {
                if (key.matches(".*(PASSWORD|KEK|SECRET|ISSUER_URI|JWK_SET_URI).*")) {
                    assertThat(String.valueOf(value)).as(name + " " + key).matches(REQUIRED);
                }
            });
        }
        assertThat(text).as("no password given as a literal value")
                .doesNotContainPattern(Pattern.compile("^\\s*[A-Z_]*PASSWORD\\s*:\\s*(?!\\$\\{)\\S", Pattern.MULTILINE));
    }

    @Test
    @DisplayName(".env.example names every required variable with a placeholder, and git ignores .env")
    void environmentExample() throws IOException {
        Set<String> required = new TreeSet<>();
        Matcher matcher = REQUIRED.matcher(text);
        while (matcher.find()) {
            required.add(matcher.group(1));
        }
        assertThat(required).contains("POSTGRES_PASSWORD", "JOURNEY_OWNER_PASSWORD", "JOURNEY_ENGINE_PASSWORD",
                "JOURNEY_ANALYST_PASSWORD", "JOURNEY_KEYS_KEK", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
        Properties example = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(".env.example"))) {
            example.load(reader);
        }
        assertThat(example.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(required);
        example.forEach((key, value) -> assertThat((String) value).as((String) key).matches("<[^>]+>"));
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains(".env");
    }

    @Test
    @DisplayName("the sides run as journey_engine and migrate as journey_owner; the init script creates the logins")
    void roles() throws IOException {
        for (String side : List.of("command-side", "query-side")) {
            assertThat(environment(side))
                    .containsEntry("SPRING_DATASOURCE_USERNAME", "journey_engine")
                    .containsEntry("JOURNEY_MIGRATIONS_USERNAME", "journey_owner");
        }
        assertThat(environment("postgres"))
                .containsKeys("JOURNEY_OWNER_PASSWORD", "JOURNEY_ENGINE_PASSWORD", "JOURNEY_ANALYST_PASSWORD")
                .doesNotContainKey("POSTGRES_USER");
        String script = Files.readString(ROLES_SCRIPT);
        assertThat(Files.isExecutable(ROLES_SCRIPT)).isTrue();
        // journey_app and journey_analyst are the migrations' roles: created here only if missing, never twice.
        assertThat(script)
                .contains("ARRAY['journey_app', 'journey_analyst']")
                .contains("ARRAY['journey_owner', 'journey_engine', 'journey_analyst_login']")
                .contains("WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role)")
                .contains("GRANT journey_app TO journey_engine;")
                .contains("GRANT journey_analyst TO journey_analyst_login;")
                .contains("OWNER TO journey_owner;")
                // The logins get no attribute beyond LOGIN (comments, which explain why, aside).
                .satisfies(all -> assertThat(all.replaceAll("(?m)^\\s*(#|--).*$", ""))
                        .doesNotContainPattern("(?i)superuser|createrole|createdb|bypassrls"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() {
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services().get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String name) {
        return (Map<String, Object>) service(name).get("environment");
    }
}
