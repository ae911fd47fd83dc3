package io.cxengine.journey.console;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's sign-in trusts the provider's discovery document only as far as OpenID Connect Discovery allows. */
class SignInControllerTest {

    HttpServer provider;
    URI issuer;
    String document;
    final AtomicInteger readings = new AtomicInteger();
    final MovingClock clock = new MovingClock();

    @BeforeEach
    void startProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/journey");
        provider.createContext("/realms/journey/.well-known/openid-configuration", exchange -> {
            readings.incrementAndGet();
            byte[] body = document.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    SignInController controller(URI tokenEndpoint) {
        return new SignInController(new SignInSettings("journey-console", null, null, tokenEndpoint), issuer,
                RestClient.builder(), clock);
    }

    String document(String issuerNamed, String authorization, String token) {
        return """
                {"issuer": "%s", "authorization_endpoint": "%s", "token_endpoint": "%s"}"""
                .formatted(issuerNamed, authorization, token);
    }

    @Test
    @DisplayName("the endpoints of the issuer's own document, on its origin, are used, and the document is read once")
    void discovered() {
        document = document(issuer.toString(), issuer + "/protocol/openid-connect/auth",
                issuer + "/protocol/openid-connect/token");
        SignInController signIn = controller(null);

        SignIn answer = signIn.identityProvider();

        assertThat(answer.mode()).isEqualTo(SignIn.Mode.IDENTITY_PROVIDER);
        assertThat(answer.clientId()).isEqualTo("journey-console");
        assertThat(answer.tokenEndpoint()).hasToString(issuer + "/protocol/openid-connect/token");
        assertThat(signIn.identityProvider()).isSameAs(answer);
        assertThat(readings).hasValue(1);
    }

    @Test
    @DisplayName("a document naming another issuer is refused, and not read again for a while")
    void anotherIssuer() {
        document = document("https://elsewhere.example", issuer + "/auth", issuer + "/token");
        SignInController signIn = controller(null);

        assertThat(signIn.identityProvider()).isNull();
        assertThat(signIn.identityProvider()).isNull();
        assertThat(readings).as("failures are not retried at the callers' pace").hasValue(1);

        clock.advance(SignInController.RETRY_AFTER_FAILURE.plusSeconds(1));
        document = document(issuer + "/", issuer + "/auth", issuer + "/token");
        assertThat(signIn.identityProvider()).as("read again after the pause; a trailing slash is the same issuer")
                .isNotNull();
        assertThat(readings).hasValue(2);
    }

    @Test
    @DisplayName("an endpoint outside the issuer's origin is refused unless it is set explicitly")
    void endpointElsewhere() {
        document = document(issuer.toString(), issuer + "/auth", "https://collector.example/token");
        assertThat(controller(null).identityProvider()).isNull();

        URI configured = URI.create("https://login.example/token");
        assertThat(controller(configured).identityProvider().tokenEndpoint()).isEqualTo(configured);
    }

    @Test
    @DisplayName("a provider that does not answer leaves the sign-in unavailable, within the timeout")
    void unavailable() {
        provider.stop(0);
        long started = System.nanoTime();
        assertThat(controller(null).identityProvider()).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SignInController.TIMEOUT.multipliedBy(3));
    }

    @Test
    @DisplayName("the content security policy lets pages connect to the engine and the provider's origins only")
    void contentSecurityPolicy() {
        String policy = new ContentSecurityPolicy(Set.of(URI.create("https://login.example:443/realms/journey"),
                URI.create("http://127.0.0.1:8180/token"))).policy();
        assertThat(policy).contains("connect-src 'self' http://127.0.0.1:8180 https://login.example;")
                .contains("script-src 'self';").contains("frame-ancestors 'none'");
        assertThat(new ContentSecurityPolicy(Set.of()).policy()).contains("connect-src 'self';");
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T09:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
