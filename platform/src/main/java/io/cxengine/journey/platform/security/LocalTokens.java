package io.cxengine.journey.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.UUID;

/** Tokens signed with the engine's own key pair: what an identity provider would issue, for a local start and tests. */
public final class LocalTokens {

    /** The issuer of local tokens, unless {@code journey.security.local-issuer} says otherwise. */
    public static final String ISSUER = "urn:journey-engine:local";
    public static final String AUDIENCE = "journey-engine";

    private final TokenSigningKey key;
    private final String issuer;
    private final String audience;

    public LocalTokens(TokenSigningKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** Local tokens of the key pair under this keys directory, for the default issuer and audience. */
    public static LocalTokens in(Path keysDirectory) {
        return new LocalTokens(TokenSigningKey.in(keysDirectory), ISSUER, AUDIENCE);
    }

    /** A signed token (RS256) for these scopes, valid from now for the lifetime. */
    public String mint(String subject, String client, Collection<String> scopes, Duration lifetime) {
        return mint(new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim("azp", client)
                .claim("scope", String.join(" ", scopes)), Instant.now(), lifetime);
    }

    /** A signed token with these claims, issued at the given time; for tests of what the engine refuses. */
    public String mint(JWTClaimsSet.Builder claims, Instant issuedAt, Duration lifetime) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    claims.issueTime(Date.from(issuedAt))
                            .notBeforeTime(Date.from(issuedAt))
                            .expirationTime(Date.from(issuedAt.plus(lifetime)))
                            .jwtID(UUID.randomUUID().toString())
                            .build());
            jwt.sign(new RSASSASigner(key.privateKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }
}
