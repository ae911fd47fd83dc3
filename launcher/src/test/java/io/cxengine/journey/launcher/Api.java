package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.platform.security.LocalTokens;
import io.cxengine.journey.platform.security.Scope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain HTTP client for the engine's REST API, as another system would use it: raw bodies, explicit headers, and a
 * bearer token signed with the engine's local key pair (the test contexts' {@code journey.keys.directory}). By
 * default the token holds every scope; {@link #withScopes} and {@link #as} make narrower callers.
 */
final class Api {

    /** The keys directory of every test context (see src/test/resources/config/application.yml). */
    static final Path KEYS = Path.of("target/test-keys");
    static final List<String> EVERY_SCOPE = Arrays.stream(Scope.values()).map(Scope::value).toList();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1, as a browser speaks to a server without TLS: no h2c upgrade, which HAProxy does not take. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    Api(int port) {
        this(port, "Bearer " + token("test-system", "test-client", EVERY_SCOPE));
    }

    private Api(int port, String authorization) {
        this.base = "http://localhost:" + port;
        this.authorization = authorization;
    }

    /** A caller whose token holds only these scopes. */
    static Api withScopes(int port, String... scopes) {
        return as(port, "test-" + String.join("-", scopes), "test-client", scopes);
    }

    /** A caller with this subject, client and scopes. */
    static Api as(int port, String subject, String client, String... scopes) {
        return new Api(port, "Bearer " + token(subject, client, List.of(scopes)));
    }

    /** A caller sending exactly this Authorization header, or none if it is null. */
    static Api withAuthorization(int port, String authorization) {
        return new Api(port, authorization);
    }

    static LocalTokens tokens() {
        return LocalTokens.in(KEYS);
    }

    static String token(String subject, String client, Collection<String> scopes) {
        return tokens().mint(subject, client, scopes, Duration.ofHours(1));
    }

    /** The Authorization header this client sends. */
    String authorization() {
        return authorization;
    }

    /** Registers a new customer of this name under a random id, and returns the id. */
    String registerCustomer(String name) {
        String customer = java.util.UUID.randomUUID().toString();
        Response registered = post("/customers", """
                {"customerId": "%s", "name": "%s", "identifiedVia": "IMPORT"}""".formatted(customer, name));
        if (registered.status() != 201) {
            throw new IllegalStateException("Could not register " + name + ": " + registered);
        }
        return customer;
    }

    /** Follows a live view: the lines of its Server-Sent Events as they arrive, until the test ends. */
    List<String> follow(String path) {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/event-stream").header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(answer -> java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        answer.body().forEach(lines::add);
                    } catch (RuntimeException closed) {
                        // The stream ends when the test does.
                    }
                }));
        return lines;
    }

    Response post(String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    Response postRaw(String path, String contentType, byte[] body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    Response delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), headers);
    }

    private Response send(HttpRequest.Builder request, String... headers) {
        boolean authorized = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            authorized |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (!authorized && authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> responseHeaders.put(name.toLowerCase(), values.get(0)));
            return new Response(response.statusCode(), responseHeaders, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, Map<String, String> headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        @Override
        public String toString() {
            return status + " " + headers.getOrDefault("content-type", "") + " " + body;
        }
    }
}
