package io.cxengine.journey.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * How tokens are checked ({@code journey.security.*}). The identity provider itself is Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}.
 *
 * @param audience           the audience a token must name ({@code aud})
 * @param clockSkew          how far a token's expiry and not-before may be off the engine's clock
 * @param algorithms         the signature algorithms accepted from an identity provider (never {@code none}, never HMAC)
 * @param issuer             the issuer to require when only a {@code jwk-set-uri} is given
 * @param localTokens        whether the engine verifies tokens signed with its own key pair (created under
 *                           {@code journey.keys.directory}); on by default only with the embedded database and no
 *                           identity provider
 * @param localIssuer        the issuer of the engine's own tokens
 * @param corsAllowedOrigins origins allowed to call from a browser; none by default (CORS closed)
 */
@ConfigurationProperties("journey.security")
public record SecuritySettings(@DefaultValue("journey-engine") String audience,
                               @DefaultValue("30s") Duration clockSkew,
                               @DefaultValue({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384",
                                       "ES512"}) List<String> algorithms,
                               String issuer,
                               Boolean localTokens,
                               @DefaultValue(LocalTokens.ISSUER) String localIssuer,
                               @DefaultValue List<String> corsAllowedOrigins) {
}
