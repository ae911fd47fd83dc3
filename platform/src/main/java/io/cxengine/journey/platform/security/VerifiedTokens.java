package io.cxengine.journey.platform.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a bearer token's signature once, not on every request it comes with.
 * <p>
 * A client system sends the same token with thousands of requests, and checking its RSA signature (with the constant-
 * time Base64 decoding around it) took a third of the engine's CPU per command (docs/benchmarks.md). A token that the
 * decoder has accepted is kept, by its exact text, until it expires: the same text is the same signed claims, so the
 * signature holds for it as long as the token lives. Every use still runs the validators (expiry and not-before with
 * their clock skew, issuer, audience) on the kept claims, so a kept token is refused the moment it expires, exactly as
 * a fresh decode would refuse it. Any other text, a single character changed included, goes to the decoder.
 * <p>
 * At most {@code capacity} tokens are kept; when full, expired ones are dropped first, then all.
 */
final class VerifiedTokens implements JwtDecoder {

    static final int CAPACITY = 10_000;

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final int capacity;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        this(decoder, validator, CAPACITY);
    }

    VerifiedTokens(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, int capacity) {
        this.decoder = decoder;
        this.validator = validator;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt kept = verified.get(token);
        if (kept != null) {
            OAuth2TokenValidatorResult result = validator.validate(kept);
            if (!result.hasErrors()) {
                return kept;
            }
            verified.remove(token);
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        Jwt jwt = decoder.decode(token);
        if (jwt.getExpiresAt() != null) {
            if (verified.size() >= capacity) {
                Instant now = Instant.now();
                verified.values().removeIf(old -> old.getExpiresAt().isBefore(now));
                if (verified.size() >= capacity) {
                    verified.clear();
                }
            }
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** Tokens kept now. */
    int size() {
        return verified.size();
    }
}
