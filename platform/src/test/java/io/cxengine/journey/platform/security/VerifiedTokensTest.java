package io.cxengine.journey.platform.security;

import io.cxengine.journey.platform.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    @TempDir
    Path keys;
    LocalTokens tokens;
    MovableClock clock = new MovableClock(Instant.now());
    AtomicInteger signatureChecks = new AtomicInteger();
    VerifiedTokens verified;

    @BeforeEach
    void decoder() {
        tokens = LocalTokens.in(keys);
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(5));
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(List.of(timestamps,
                new JwtIssuerValidator(LocalTokens.ISSUER)));
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(TokenSigningKey.in(keys).publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        nimbus.setJwtValidator(validator);
        JwtDecoder counting = token -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        };
        verified = new VerifiedTokens(counting, validator, 3);
    }

    @Test
    @DisplayName("a token's signature is checked once, however often it comes")
    void signatureCheckedOnce() {
        String token = tokens.mint("crm", "crm", List.of("journey.write"), Duration.ofMinutes(5));

        for (int i = 0; i < 5; i++) {
            assertThat(verified.decode(token).getSubject()).isEqualTo("crm");
        }
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    @DisplayName("a kept token is refused the moment it expires, as a fresh decode would refuse it")
    void keptTokenExpires() {
        String token = tokens.mint("crm", "crm", List.of("journey.write"), Duration.ofMinutes(5));
        verified.decode(token);

        clock.advance(Duration.ofMinutes(6));

        assertThatThrownBy(() -> verified.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> verified.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(signatureChecks).as("the expired token went back to the decoder").hasValue(2);
    }

    @Test
    @DisplayName("any other text, one character of the signature changed, goes to the decoder and is refused")
    void tamperedTokenIsNotServedFromTheKeptOne() {
        String token = tokens.mint("crm", "crm", List.of("journey.write"), Duration.ofMinutes(5));
        verified.decode(token);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        assertThatThrownBy(() -> verified.decode(tampered)).isInstanceOf(JwtException.class);
        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    @DisplayName("at most its capacity of tokens is kept")
    void bounded() {
        for (int i = 0; i < 10; i++) {
            verified.decode(tokens.mint("client-" + i, "client-" + i, List.of("journey.write"), Duration.ofMinutes(5)));
            assertThat(verified.size()).isLessThanOrEqualTo(3);
        }
    }
}
