package io.cxengine.journey.launcher;

import org.junit.jupiter.api.Assumptions;
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
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI has no Docker engine, so docker-compose.yml is checked here the way {@code docker compose config} reads it (merge
 * keys resolved, profiles as Compose selects them): the two sides as separate services against a healthy postgres
 * service, on a named volume, each built from the Dockerfile that exists; the production profile's nodes behind
 * HAProxy, whose routing sends every endpoint of each side to that side; no published database port, no secret in
 * the file, and the least-privileged logins.
 */
class DockerComposeTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}");
    static final Path ROLES_SCRIPT = ROOT.resolve("docker/postgres-init/10-journey-roles.sh");
    static final List<String> COMMAND_NODES = List.of("command-side", "command-1", "command-2");
    static final List<String> QUERY_NODES = List.of("query-side", "query-1", "query-2");
    static final List<String> ENGINE_NODES = List.of("command-side", "query-side", "command-1", "command-2", "query-1",
            "query-2");
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
        assertThat(compose.keySet().stream().filter(key -> !key.startsWith("x-")))
                .isSubsetOf("services", "volumes", "networks", "configs", "secrets", "name");
    }

    @Test
    @DisplayName("postgres, command side and query side are separate services")
    @SuppressWarnings("unchecked")
    void separateServices() {
        assertThat(inProfile(null)).containsExactly("postgres");
        assertThat(inProfile("sides")).containsExactlyInAnyOrder("command-side", "query-side");
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
        for (String database : List.of("postgres", "postgres-replica")) {
            assertThat(service(database)).as(database).doesNotContainKeys("ports", "network_mode");
        }
    }

    @Test
    @DisplayName("each side builds from the Dockerfile, points at postgres and waits until it is healthy")
    @SuppressWarnings("unchecked")
    void sides() {
        for (String node : ENGINE_NODES) {
            String side = COMMAND_NODES.contains(node) ? "command-side" : "query-side";
            Map<String, Object> service = service(node);
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(Files.exists(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile"))))
                    .isTrue();
            assertThat((Map<String, Object>) build.get("args")).containsEntry("SIDE", side);
            assertThat(Files.isDirectory(ROOT.resolve(side))).isTrue();
            assertThat(environment(node))
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/journey")
                    .containsEntry("SERVER_ADDRESS", "0.0.0.0")
                    .containsKeys("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", "JOURNEY_KEYS_KEK");
            assertThat((Map<String, Object>) service.get("depends_on")).as(node)
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
            Optional.ofNullable(environment(name)).orElse(Map.of()).forEach((key, value) -> {
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
    @SuppressWarnings("unchecked")
    void environmentExample() throws IOException {
        Set<String> required = new TreeSet<>();
        Matcher matcher = REQUIRED.matcher(text);
        while (matcher.find()) {
            required.add(matcher.group(1));
        }
        assertThat(required).contains("POSTGRES_PASSWORD", "JOURNEY_OWNER_PASSWORD", "JOURNEY_ENGINE_PASSWORD",
                "JOURNEY_ANALYST_PASSWORD", "JOURNEY_REPLICATION_PASSWORD", "JOURNEY_KEYS_KEK",
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", "PROMETHEUS_CLIENT_ID", "PROMETHEUS_TOKEN_URL");
        // Secrets Compose takes from the environment (and so from .env) are required too.
        ((Map<String, Map<String, Object>>) compose.get("secrets")).values()
                .forEach(secret -> required.add((String) secret.get("environment")));
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
        for (String node : ENGINE_NODES) {
            assertThat(environment(node))
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

    @Test
    @DisplayName("production: HAProxy, two command and two query nodes, a replica, Kafka and Prometheus, all checked")
    @SuppressWarnings("unchecked")
    void productionProfile() {
        assertThat(inProfile("production")).containsExactlyInAnyOrder("haproxy", "command-1", "command-2", "query-1",
                "query-2", "postgres-replica", "kafka", "prometheus");
        for (String name : services().keySet()) {
            assertThat(service(name)).as(name + " has a healthcheck").containsKey("healthcheck");
        }
        for (String query : List.of("query-1", "query-2")) {
            assertThat(environment(query)).as(query + " sends journey events out")
                    .containsEntry("JOURNEY_EVENTSOUT_KAFKA_ENABLED", "true")
                    .containsEntry("SPRING_KAFKA_BOOTSTRAPSERVERS", "kafka:9092");
            assertThat((Map<String, Object>) service(query).get("depends_on"))
                    .containsEntry("kafka", Map.of("condition", "service_healthy"))
                    .containsEntry("postgres-replica", Map.of("condition", "service_started"));
            assertThat(environment(query)).as(query + " reads its views from the replica (same database)")
                    .containsEntry("JOURNEY_READ_REPLICA_URL", "jdbc:postgresql://postgres-replica:5432/"
                            + environment("postgres").get("POSTGRES_DB"));
        }
        assertThat((List<String>) service("haproxy").get("ports")).containsExactly("127.0.0.1:8080:8080");
        assertThat(((Map<String, Object>) service("haproxy").get("depends_on")).keySet())
                .containsExactlyInAnyOrder("command-1", "command-2", "query-1", "query-2");
        assertThat(environment("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        String scrape = (String) ((Map<String, Map<String, Object>>) compose.get("configs")).get("prometheus")
                .get("content");
        Map<String, Object> prometheus = new Yaml().load(scrape);
        Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(((Map<String, Object>) job.get("oauth2")).get("scopes")).isEqualTo(List.of("journey.admin"));
        assertThat(((List<Map<String, Object>>) job.get("static_configs")).stream()
                .flatMap(targets -> ((List<String>) targets.get("targets")).stream()))
                .containsExactlyInAnyOrder("command-1:8080", "command-2:8080", "query-1:8080", "query-2:8080");
    }

    @Test
    @DisplayName("every file a service mounts from the repository exists; its scripts are executable")
    @SuppressWarnings("unchecked")
    void mountedFiles() {
        for (String name : services().keySet()) {
            for (String volume : (List<String>) service(name).getOrDefault("volumes", List.of())) {
                if (volume.startsWith("./")) {
                    Path file = ROOT.resolve(volume.substring(2, volume.indexOf(':')));
                    assertThat(Files.exists(file)).as(name + " mounts " + file).isTrue();
                    if (file.toString().endsWith(".sh")) {
                        assertThat(Files.isExecutable(file)).as(file + " executable").isTrue();
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("the Dockerfile copies every module the root pom lists, so Maven can read the reactor")
    void dockerfileCopiesEveryModule() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        int modules = 0;
        while (module.find()) {
            modules++;
            assertThat(dockerfile).contains("COPY " + module.group(1) + " " + module.group(1));
        }
        assertThat(modules).isGreaterThanOrEqualTo(5);
    }

    @Test
    @DisplayName("HAProxy sends every endpoint of the query side to the query nodes and every other to the command nodes")
    void haproxyRoutesEachEndpointToItsSide() throws IOException {
        HaproxyRoutes routes = HaproxyRoutes.read(ROOT.resolve("docker/haproxy/haproxy.cfg"));
        assertThat(routes.servers("commands")).containsExactly("command-1:8080", "command-2:8080");
        assertThat(routes.servers("registrations")).containsExactly("command-1:8080", "command-2:8080");
        assertThat(routes.servers("queries")).containsExactly("query-1:8080", "query-2:8080");
        assertThat(routes.settings("commands")).contains("balance uri depth 2", "hash-type consistent",
                "option httpchk GET /actuator/health/readiness");
        assertThat(routes.settings("queries")).contains("option httpchk GET /actuator/health/readiness");

        List<Endpoints.Endpoint> query = Endpoints.of("io.cxengine.journey.query");
        List<Endpoints.Endpoint> command = Endpoints.of("io.cxengine.journey.command");
        assertThat(query).hasSizeGreaterThan(15);
        assertThat(command).hasSizeGreaterThan(20);
        for (Endpoints.Endpoint endpoint : query) {
            // What-if runs live in the memory of the node that took them: always the first query node that is up.
            assertThat(routes.backend(endpoint.method(), endpoint.example())).as(endpoint.toString())
                    .isEqualTo(endpoint.example().startsWith("/analytics/what-if") ? "what-if" : "queries");
        }
        assertThat(routes.servers("what-if")).containsExactly("query-1:8080", "query-2:8080");
        assertThat(routes.settings("what-if")).contains("balance first");
        assertThat(routes.backend("POST", "/analytics/what-if")).isEqualTo("what-if");
        assertThat(routes.backend("GET", "/analytics/what-if/5b1f")).isEqualTo("what-if");
        assertThat(routes.backend("GET", "/analytics/service-standards/versions")).isEqualTo("queries");
        for (Endpoints.Endpoint endpoint : command) {
            assertThat(routes.backend(endpoint.method(), endpoint.example())).as(endpoint.toString())
                    .isIn("commands", "registrations");
        }
        assertThat(routes.backend("POST", "/customers")).isEqualTo("registrations");
        assertThat(routes.backend("POST", "/customers/3f2c/complaints")).isEqualTo("commands");
    }

    @Test
    @DisplayName("HAProxy itself finds the configuration valid (Debian's haproxy: .ci/run installs it)")
    void haproxyAcceptsTheConfiguration() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/haproxy"));
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(installed, "haproxy is not installed (apt-get install haproxy): not checked");
        }
        assertThat(installed).as("haproxy installed by .ci/run").isTrue();
        Process check = new ProcessBuilder("/usr/sbin/haproxy", "-c", "-f",
                ROOT.resolve("docker/haproxy/haproxy.cfg").toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).contains("Configuration file is valid");
    }

    private static List<String> inProfile(String profile) {
        return services().entrySet().stream()
                .filter(entry -> {
                    Object profiles = entry.getValue().get("profiles");
                    return profile == null ? profiles == null : profiles != null && ((List<?>) profiles).contains(profile);
                })
                .map(Map.Entry::getKey).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return services().get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String name) {
        return (Map<String, Object>) service(name).get("environment");
    }
}
