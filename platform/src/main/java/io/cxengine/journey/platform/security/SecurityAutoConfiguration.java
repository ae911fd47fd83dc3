package io.cxengine.journey.platform.security;

import io.cxengine.journey.platform.keys.KeySettings;
import io.cxengine.journey.platform.keys.KeysAutoConfiguration;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Every request but health and the API documentation carries a bearer token (JWT): of an identity provider
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}), or, for the one-command
 * start, of the engine's own key pair. Its issuer, audience, expiry (with a small skew) and algorithm are checked;
 * each operation then admits only the scopes it is {@link Allowed} for.
 */
@AutoConfiguration(after = KeysAutoConfiguration.class,
        before = {org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration.class,
                OAuth2ResourceServerAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@EnableWebSecurity
@EnableConfigurationProperties({SecuritySettings.class, OAuth2ResourceServerProperties.class, KeySettings.class})
public class SecurityAutoConfiguration {

    /**
     * Where the scope check stands among the interceptors: first but for the access log's, which only notes the read
     * so that a refusal of the scope is logged too.
     */
    public static final int SCOPE_CHECK_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, SecuritySettings settings, KeySettings keys,
                          Environment environment) {
        String issuerUri = resourceServer.getJwt().getIssuerUri();
        String jwkSetUri = resourceServer.getJwt().getJwkSetUri();
        boolean identityProvider = hasText(issuerUri) || hasText(jwkSetUri);
        if (identityProvider) {
            List<SignatureAlgorithm> algorithms = algorithms(settings.algorithms());
            String issuer = hasText(issuerUri) ? issuerUri : settings.issuer();
            OAuth2TokenValidator<Jwt> validator = validator(settings, issuer);
            if (hasText(jwkSetUri)) {
                NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                        .jwsAlgorithms(list -> list.addAll(algorithms)).build();
                decoder.setJwtValidator(validator);
                return new VerifiedTokens(decoder, validator);
            }
            // Resolved on first use, so that the engine starts while the identity provider is still starting.
            return new SupplierJwtDecoder(() -> {
                NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuerUri)
                        .jwsAlgorithms(list -> list.addAll(algorithms)).build();
                decoder.setJwtValidator(validator);
                return new VerifiedTokens(decoder, validator);
            });
        }
        boolean local = settings.localTokens() != null ? settings.localTokens()
                : KeysAutoConfiguration.embeddedDatabase(environment);
        if (!local) {
            throw new IllegalStateException("""
                    No identity provider: with an external database the engine does not sign its own tokens. Set \
                    SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI (or ..._JWK_SET_URI) to your identity \
                    provider, or, for a trial, JOURNEY_SECURITY_LOCAL_TOKENS=true to verify tokens of the engine's own \
                    key pair under journey.keys.directory. See docs/security.md.""");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(TokenSigningKey.in(keys.directory()).publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        OAuth2TokenValidator<Jwt> validator = validator(settings, settings.localIssuer());
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(decoder, validator);
    }

    private static OAuth2TokenValidator<Jwt> validator(SecuritySettings settings, String issuer) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        validators.add(new JwtTimestampValidator(settings.clockSkew()));
        if (hasText(issuer)) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                audience -> audience != null && audience.contains(settings.audience())));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static List<SignatureAlgorithm> algorithms(List<String> names) {
        return names.stream().map(name -> {
            SignatureAlgorithm algorithm = SignatureAlgorithm.from(name.toUpperCase(Locale.ROOT));
            if (algorithm == null) {
                throw new IllegalStateException("journey.security.algorithms: " + name
                        + " is not an asymmetric signature algorithm (HMAC and none are never accepted)");
            }
            return algorithm;
        }).toList();
    }

    @Bean
    SecurityFilterChain journeySecurity(HttpSecurity http, JwtDecoder decoder, SecuritySettings settings)
            throws Exception {
        Refusals refusals = new Refusals();
        http.csrf(AbstractHttpConfigurer::disable) // Bearer tokens only, no cookies: nothing for CSRF to ride on.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        // The error page renders a refusal already decided; async dispatches continue a live stream.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                                "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(Scope.ADMIN.authority())
                        .requestMatchers("/error").denyAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals));
        if (settings.corsAllowedOrigins().isEmpty()) {
            http.cors(AbstractHttpConfigurer::disable);
        } else {
            http.cors(cors -> cors.configurationSource(cors(settings.corsAllowedOrigins())));
        }
        return http.build();
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins);
        configuration.setAllowedMethods(List.of("GET", "POST", "DELETE"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match",
                "X-Correlation-Id", "X-Min-Position", "X-Purpose", "Accept"));
        configuration.setExposedHeaders(List.of("ETag", "Location", "X-Correlation-Id", "Retry-After",
                "WWW-Authenticate", "Idempotent-Replayed", "X-Position-Reached", "X-Read-From"));
        configuration.setAllowCredentials(false);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }

    /** The scope check stands before every interceptor that acts: before the write guard claims any idempotency key. */
    @Bean
    WebMvcConfigurer scopeCheck() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new ScopeCheck()).order(SCOPE_CHECK_ORDER);
            }
        };
    }

    /** Picked up by Spring Security for its firewall's refusals, so that they are problems too. */
    /**
     * No observation (span, timer, events) around each of Spring Security's filters: with an observation registry
     * present, Spring Security wraps all of them in one each, a fifth of a request's CPU under ingestion. The request
     * as a whole is still observed ({@code http.server.requests}), and refusals still answer and log as before.
     */
    @Bean
    SecurityObservationSettings noFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    RequestRejectedHandler rejectedRequests() {
        return new RejectedRequests();
    }

    @Bean
    SecurityApiDocumentation securityApiDocumentation() {
        return new SecurityApiDocumentation();
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
