package io.cxengine.journey.console;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells the start page how to sign in. With an identity provider, its endpoints come from the settings or, once it
 * answers, from its OpenID discovery document (read on first use, so that the engine starts while the provider is
 * still starting, and kept). A route of the console's own, public as its pages are, not an operation of the API.
 */
class SignInController {

    private final SignInSettings settings;
    private final URI issuer;
    private final RestClient discovery;
    private final AtomicReference<SignIn> known = new AtomicReference<>();

    private final ContentSecurityPolicy policy;

    SignInController(SignInSettings settings, URI issuer, RestClient.Builder http, ContentSecurityPolicy policy) {
        this.settings = settings;
        this.issuer = issuer;
        this.discovery = http.build();
        this.policy = policy;
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
        try {
            return ServerResponse.ok().cacheControl(CacheControl.noStore()).body(known.updateAndGet(
                    signIn -> signIn != null ? signIn : discover()));
        } catch (RestClientException | IllegalStateException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The identity provider " + issuer + " did not say where to sign in: " + e.getMessage());
            problem.setTitle("Identity provider unavailable");
            problem.setType(URI.create("https://cxengine.io/problems/identity-provider-unavailable"));
            return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
    }

    private SignIn discover() {
        URI authorization = settings.authorizationEndpoint();
        URI token = settings.tokenEndpoint();
        if (authorization == null || token == null) {
            String base = issuer.toString().replaceAll("/+$", "");
            Map<?, ?> document = discovery.get().uri(base + "/.well-known/openid-configuration").retrieve()
                    .body(Map.class);
            if (document == null || !(document.get("authorization_endpoint") instanceof String found)
                    || !(document.get("token_endpoint") instanceof String exchange)) {
                throw new IllegalStateException("its discovery document names no authorization or token endpoint");
            }
            authorization = authorization != null ? authorization : URI.create(found);
            token = token != null ? token : URI.create(exchange);
        }
        policy.allowConnectionsTo(token);
        return SignIn.identityProvider(settings.clientId(), authorization, token);
    }
}
