package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.cxengine.journey.platform.security.LocalTokens;
import io.cxengine.journey.platform.security.TokenSigningKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every operation of the OpenAPI document, Actuator, the error page and the live streams with every kind of bad
 * credential and with each scope alone, and compares each answer with {@code authorization-matrix.tsv} beside this
 * test: {@code 401}, {@code 403}, or {@code ok} (the request got past authorization: any answer but 401, 403 and 5xx).
 * An operation missing from the file fails the test, so a new endpoint cannot ship without a decision on who may call
 * it. Run with {@code -Dmatrix.write=target/authorization-matrix.tsv} to write what the engine answers today.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationMatrixIT extends EngineIntegration {

    static final Path MATRIX = Path.of("src/test/resources/authorization-matrix.tsv");
    static final List<String> SCOPES = Api.EVERY_SCOPE;
    /** Operations beside the OpenAPI document: Actuator, the error page. */
    static final List<String> BESIDE_OPENAPI = List.of("GET /actuator/health", "GET /actuator/info",
            "GET /actuator/metrics", "GET /error", "GET /v3/api-docs", "GET /swagger-ui.html");

    @TempDir
    Path otherKeys;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @DisplayName("every operation answers each credential as the committed matrix says: zero mismatches")
    void everyOperationAsTheMatrixSays() throws Exception {
        Map<String, String> credentials = credentials();
        List<String> operations = operations();
        Map<String, Map<String, String>> expected = readMatrix();
        Map<String, Map<String, String>> actual = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();

        for (String operation : operations) {
            Map<String, String> row = new LinkedHashMap<>();
            for (Map.Entry<String, String> credential : credentials.entrySet()) {
                Answer answer;
                try {
                    answer = call(operation, credential.getValue());
                } catch (java.net.http.HttpTimeoutException timeout) {
                    mismatches.add(operation + " as " + credential.getKey() + ": no answer within 10 s");
                    row.put(credential.getKey(), "timeout");
                    continue;
                }
                String outcome = outcome(answer, operation + " as " + credential.getKey(), mismatches);
                row.put(credential.getKey(), outcome);
                String wanted = expected.getOrDefault(operation, Map.of()).get(credential.getKey());
                if (!outcome.equals(wanted)) {
                    mismatches.add("%s as %s: %s (%d), matrix says %s".formatted(operation, credential.getKey(),
                            outcome, answer.status(), wanted));
                }
            }
            actual.put(operation, row);
        }
        String written = System.getProperty("matrix.write");
        if (written != null) {
            write(Path.of(written), credentials.keySet(), actual);
        }

        assertThat(new TreeSet<>(expected.keySet())).as("operations in the matrix file")
                .isEqualTo(new TreeSet<>(operations));
        assertThat(mismatches).isEmpty();
    }

    /** Every kind of bad credential, then each scope alone. */
    private Map<String, String> credentials() {
        LocalTokens engine = Api.tokens();
        LocalTokens stranger = new LocalTokens(TokenSigningKey.in(otherKeys), LocalTokens.ISSUER, LocalTokens.AUDIENCE);
        Instant now = Instant.now();
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("none", null);
        credentials.put("expired", "Bearer " + engine.mint(claims(LocalTokens.ISSUER, LocalTokens.AUDIENCE),
                now.minus(Duration.ofHours(2)), Duration.ofHours(1)));
        credentials.put("wrong-audience", "Bearer " + engine.mint(claims(LocalTokens.ISSUER, "another-service"),
                now, Duration.ofHours(1)));
        credentials.put("wrong-issuer", "Bearer " + engine.mint(claims("https://idp.example.org/realms/other",
                LocalTokens.AUDIENCE), now, Duration.ofHours(1)));
        credentials.put("bad-signature", "Bearer " + stranger.mint(claims(LocalTokens.ISSUER, LocalTokens.AUDIENCE),
                now, Duration.ofHours(1)));
        credentials.put("alg-none", "Bearer " + new PlainJWT(claims(LocalTokens.ISSUER, LocalTokens.AUDIENCE)
                .expirationTime(java.util.Date.from(now.plus(Duration.ofHours(1)))).build()).serialize());
        for (String scope : SCOPES) {
            credentials.put(scope, "Bearer " + Api.token("matrix-" + scope, "matrix", List.of(scope)));
        }
        return credentials;
    }

    private static JWTClaimsSet.Builder claims(String issuer, String audience) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("matrix").claim("azp", "matrix")
                .claim("scope", String.join(" ", SCOPES));
    }

    /** The type of body each operation reads, as documented (JSON unless the document says otherwise). */
    private final Map<String, String> requestTypes = new HashMap<>();

    /** {@code METHOD /path}, plus {@code [text/event-stream]} for a live stream, for every operation documented. */
    private List<String> operations() {
        JsonNode paths = new Api(port).get("/v3/api-docs").json().get("paths");
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String operation = op.getKey().toUpperCase() + " " + path.getKey();
                operations.add(operation);
                op.getValue().path("requestBody").path("content").fieldNames()
                        .forEachRemaining(type -> requestTypes.putIfAbsent(operation, type));
                if (!op.getValue().findParents("text/event-stream").isEmpty()) {
                    operations.add(operation + " [text/event-stream]");
                }
            }
        }
        operations.addAll(BESIDE_OPENAPI);
        return operations;
    }

    private record Answer(int status, String contentType, String challenge, String body) {
    }

    private Answer call(String operation, String authorization) throws IOException, InterruptedException {
        String[] parts = operation.split(" ");
        String method = parts[0];
        // Unknown ids everywhere: an allowed caller meets a 404 or 400, never a side effect on another test's data.
        String path = parts[1].replace("{customerId}", UUID.randomUUID().toString())
                .replace("{complaintId}", UUID.randomUUID().toString())
                .replace("{followUpId}", UUID.randomUUID().toString())
                .replace("{pseudonym}", "unknown-pseudonym")
                .replace("{name}", "no-such-projection")
                .replaceAll("\\{[^}]+}", "x");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", operation.endsWith("[text/event-stream]") ? "text/event-stream"
                        : "application/json, application/problem+json, */*");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        switch (method) {
            case "POST" -> request.header("Content-Type", requestTypes.getOrDefault(operation, "application/json"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"));
            case "DELETE" -> request.DELETE();
            default -> request.GET();
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String body;
        try (InputStream in = response.body()) {
            // A live stream that was let in stays open: its status and headers are the answer.
            body = response.statusCode() == 200 && operation.endsWith("[text/event-stream]") ? ""
                    : new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("WWW-Authenticate").orElse(""), body);
    }

    /** The answer as the matrix records it; refusals must be problems with a challenge, and nothing may be a 5xx. */
    private static String outcome(Answer answer, String what, List<String> mismatches) {
        if (answer.status() == 401 || answer.status() == 403) {
            if (!answer.contentType().startsWith("application/problem+json")
                    || !answer.challenge().startsWith("Bearer")
                    || (answer.status() == 403 && !answer.challenge().contains("insufficient_scope"))) {
                mismatches.add(what + ": a refusal without problem+json or WWW-Authenticate: " + answer);
            }
            if (answer.body().contains("Exception") || answer.body().contains("at io.")
                    || answer.body().contains("org.springframework")) {
                mismatches.add(what + ": internals in the body: " + answer.body());
            }
            return Integer.toString(answer.status());
        }
        if (answer.status() >= 500 || answer.status() == 429) {
            mismatches.add(what + ": " + answer.status() + " " + answer.body());
        }
        return "ok";
    }

    private static Map<String, Map<String, String>> readMatrix() throws IOException {
        List<String> lines = Files.readAllLines(MATRIX);
        String[] header = lines.get(0).split("\t");
        Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t");
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i < header.length; i++) {
                row.put(header[i], i < cells.length ? cells[i].trim() : "");
            }
            matrix.put(cells[0].trim(), row);
        }
        return matrix;
    }

    private static void write(Path file, Iterable<String> credentials, Map<String, Map<String, String>> actual)
            throws IOException {
        StringBuilder text = new StringBuilder("operation\t" + String.join("\t", credentials) + "\n");
        actual.forEach((operation, row) -> text.append(operation).append('\t')
                .append(String.join("\t", row.values())).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }
}
