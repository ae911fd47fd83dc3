package io.cxengine.journey.launcher;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenID Connect provider for tests, on 127.0.0.1: its discovery document and key set, a login page, and the
 * authorization-code flow with PKCE for public clients, done as strictly as a real provider does it (redirect URI,
 * client and code verifier checked, each code used once). Its access tokens carry the audience, scopes and client the
 * engine requires.
 */
final class IdentityProvider implements AutoCloseable {

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    /** The token requests refused, with why: a test can tell a refused exchange from one never made. */
    final List<String> refusals = new CopyOnWriteArrayList<>();
    /** Every code exchange asked for, refused or not. */
    final List<String> exchanges = new CopyOnWriteArrayList<>();
    /** The public clients registered, each with its one redirect URI. */
    private final Map<String, String> clients = new ConcurrentHashMap<>();

    private record Grant(String clientId, String redirectUri, String scope, String challenge, String subject) {
    }

    private IdentityProvider() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange, 200, """
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/jwks", "response_types_supported": ["code"],
                 "code_challenge_methods_supported": ["S256"]}""".formatted(issuer)));
        server.createContext("/jwks", exchange -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    static IdentityProvider start() {
        try {
            return new IdentityProvider();
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String issuer() {
        return issuer;
    }

    /** Registers a public client and the one address the provider may send its people back to. */
    void register(String clientId, String redirectUri) {
        clients.put(clientId, redirectUri);
    }

    /** An access token for a system (client credentials, as a system gets one), with these scopes. */
    String token(String subject, String clientId, String scope) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                    .audience("journey-engine").claim("azp", clientId).claim("scope", scope)
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                    .jwtID(UUID.randomUUID().toString()).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET: the login page for the request; POST (the page's form): the person signed in, back with a code. */
    private void authorize(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            String registered = clients.get(String.valueOf(query.get("client_id")));
            if (!"code".equals(query.get("response_type")) || !"S256".equals(query.get("code_challenge_method"))
                    || query.get("code_challenge") == null || query.get("state") == null || registered == null
                    || !registered.equals(query.get("redirect_uri"))) {
                html(exchange, 400, "<p>Bad authorization request</p>");
                return;
            }
            StringBuilder hidden = new StringBuilder();
            query.forEach((name, value) -> hidden.append("<input type=\"hidden\" name=\"%s\" value=\"%s\">"
                    .formatted(name, value.replace("\"", "&quot;"))));
            html(exchange, 200, """
                    <!DOCTYPE html><html lang="en"><head><title>Sign in · test provider</title></head><body>
                    <form method="post" action="/authorize">%s
                    <label for="username">User name <input id="username" name="username"></label>
                    <button type="submit" id="login">Sign in</button></form></body></html>""".formatted(hidden));
            return;
        }
        Map<String, String> login = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(login.get("client_id"), login.get("redirect_uri"), login.get("scope"),
                login.get("code_challenge"), login.get("username")));
        exchange.getResponseHeaders().add("Location", login.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(login.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** The code exchanged for an access token, once, by the client it was given to, with the matching verifier. */
    private void token(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
        }
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "POST");
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type, Accept");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        Map<String, String> request = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchanges.add(String.valueOf(request.get("code")));
        Grant grant = codes.remove(String.valueOf(request.get("code")));
        String refusal = grant == null ? "unknown or used code"
                : !"authorization_code".equals(request.get("grant_type")) ? "grant type"
                : !grant.clientId().equals(request.get("client_id")) ? "client"
                : !grant.redirectUri().equals(request.get("redirect_uri")) ? "redirect URI"
                : !grant.challenge().equals(challenge(request.get("code_verifier"))) ? "code verifier"
                : null;
        if (refusal != null) {
            refusals.add(refusal);
            json(exchange, 400, "{\"error\": \"invalid_grant\", \"error_description\": \"" + refusal + "\"}");
            return;
        }
        String scope = grant.scope().replace("openid", "").trim();
        json(exchange, 200, "{\"access_token\": \"" + token(grant.subject(), grant.clientId(), scope)
                + "\", \"token_type\": \"Bearer\", \"expires_in\": 600, \"scope\": \"" + scope + "\"}");
    }

    private static String challenge(String verifier) {
        if (verifier == null) {
            return "";
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json", body);
    }

    private static void html(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
