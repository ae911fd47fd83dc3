package io.cxengine.journey.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/**
 * How people sign in to the console with an identity provider: the provider's public client for the console, which
 * the browser uses in the authorization-code flow with PKCE (no client secret: a browser cannot keep one).
 *
 * @param clientId              the console's client at the provider
 * @param issuer                the provider's issuer; by default the one the API trusts
 *                              ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}); none: local sign-in
 * @param authorizationEndpoint where people sign in; by default from the issuer's OpenID discovery document
 * @param tokenEndpoint         where the browser exchanges the code; by default from the discovery document
 */
@ConfigurationProperties("journey.console.sign-in")
public record SignInSettings(@DefaultValue("journey-console") String clientId, URI issuer, URI authorizationEndpoint,
                             URI tokenEndpoint) {
}
