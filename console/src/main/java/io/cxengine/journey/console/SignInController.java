package io.cxengine.journey.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Tells the start page how to sign in. With an identity provider, its endpoints come from the settings or, once it
 * answers, from its OpenID discovery document: read on first use (so that the engine starts while the provider is
 * still starting), one reading at a time, within a few seconds, and kept; a failed reading is not repeated for a
 * while, so that anonymous calls cannot make the engine call the provider at their pace. A route of the console's
 * own, public as its pages are, not an operation of the API.
 */
class SignInController {

    private static final Logger log = LoggerFactory.getLogger(SignInController.class);
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    private final SignInSettings settings;
    private final URI issuer;
    private final RestClient discovery;
    private final Clock clock;
    private SignIn known;
    private Instant failedUntil = Instant.MIN;

    SignInController(SignInSettings settings, URI issuer, RestClient.Builder http, Clock clock) {
        this.settings = settings;
        this.issuer = issuer;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(TIMEOUT);
        requests.setReadTimeout(TIMEOUT);
        this.discovery = http.requestFactory(requests).build();
        this.clock = clock;
    }

    /** {@code GET /console/sign-in.json}. */
    RouterFunction<ServerResponse> route() {
        return RouterFunctions.route().GET(ConsoleAutoConfiguration.PATH + "/sign-in.json", request -> signIn())
                .build();
    }

    ServerResponse signIn() {
        if (issuer == null) {
            return ServerResponse.ok().cacheControl(CacheControl.noStore()).body(SignIn.local());
        }
        SignIn signIn = identityProvider();
        if (signIn == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The identity provider did not say where to sign in; try again shortly.");
            problem.setTitle("Identity provider unavailable");
            problem.setType(URI.create("https://cxengine.io/problems/identity-provider-unavailable"));
            return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After",
                    String.valueOf(RETRY_AFTER_FAILURE.toSeconds())).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        return ServerResponse.ok().cacheControl(CacheControl.noStore()).body(signIn);
    }

    /** The provider's sign-in, discovered once; null while it cannot be discovered. */
    synchronized SignIn identityProvider() {
        if (known == null && clock.instant().isAfter(failedUntil)) {
            try {
                known = discover();
            } catch (RestClientException | IllegalArgumentException | IllegalStateException e) {
                failedUntil = clock.instant().plus(RETRY_AFTER_FAILURE);
                log.warn("The console's sign-in cannot use the identity provider {}: {}", issuer, e.getMessage());
            }
        }
        return known;
    }

    private SignIn discover() {
        URI authorization = settings.authorizationEndpoint();
        URI token = settings.tokenEndpoint();
        if (authorization == null || token == null) {
            Map<?, ?> document = discovery.get().uri(trimmed(issuer) + "/.well-known/openid-configuration")
                    .retrieve().body(Map.class);
            if (document == null) {
                throw new IllegalStateException("its discovery document is empty");
            }
            // OpenID Connect Discovery 1.0, 4.3: the document must name the issuer it was read from.
            if (!(document.get("issuer") instanceof String named) || !trimmed(URI.create(named)).equals(trimmed(issuer))) {
                throw new IllegalStateException("its discovery document names another issuer: " + document.get("issuer"));
            }
            authorization = authorization != null ? authorization : discovered(document, "authorization_endpoint");
            token = token != null ? token : discovered(document, "token_endpoint");
        }
        return SignIn.identityProvider(settings.clientId(), authorization, token);
    }

    /**
     * An endpoint the discovery document names: only on the issuer's own origin (the content security policy lets the
     * pages connect there and nowhere else); one elsewhere must be set explicitly.
     */
    private URI discovered(Map<?, ?> document, String name) {
        if (!(document.get(name) instanceof String value)) {
            throw new IllegalStateException("its discovery document names no " + name);
        }
        URI endpoint = URI.create(value);
        if (!ContentSecurityPolicy.origin(endpoint).equals(ContentSecurityPolicy.origin(issuer))) {
            throw new IllegalStateException("its " + name + " " + value + " lies outside the issuer's origin; set "
                    + "journey.console.sign-in." + (name.startsWith("token") ? "token-endpoint" : "authorization-endpoint")
                    + " to allow it");
        }
        return endpoint;
    }

    private static String trimmed(URI uri) {
        return uri.toString().replaceAll("/+$", "");
    }
}
