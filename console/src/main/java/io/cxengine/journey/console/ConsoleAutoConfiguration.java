package io.cxengine.journey.console;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * Serves the console at {@code /console}: static pages and scripts that hold no data. Every figure on them comes from
 * the engine's REST API, called by the browser with the signed-in caller's own token, so the console adds no way in
 * that the API does not already give that token. The pages themselves are public, under a strict content security
 * policy: scripts and styles only from the engine itself, no inline script, no framing.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties(SignInSettings.class)
public class ConsoleAutoConfiguration implements WebMvcConfigurer {

    /** Where the console is served. */
    public static final String PATH = "/console";

    /**
     * The identity provider people sign in with: the console's own setting, else the issuer the API trusts; none for
     * the local sign-in.
     */
    static URI identityProvider(SignInSettings settings, Environment environment) {
        String trusted = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
        if (settings.issuer() == null && trusted != null && !trusted.isBlank()) {
            return URI.create(trusted.trim());
        }
        return settings.issuer();
    }

    /** Pages may connect to the engine and, to sign in, to the provider's origin and a token endpoint set elsewhere. */
    @Bean
    ContentSecurityPolicy consoleContentSecurityPolicy(SignInSettings settings, Environment environment) {
        Set<URI> connectTo = new HashSet<>();
        URI issuer = identityProvider(settings, environment);
        if (issuer != null) {
            connectTo.add(issuer);
            if (settings.tokenEndpoint() != null) {
                connectTo.add(settings.tokenEndpoint());
            }
        }
        return new ContentSecurityPolicy(connectTo);
    }

    @Bean
    RouterFunction<ServerResponse> consoleSignIn(SignInSettings settings, Environment environment,
                                                 RestClient.Builder http) {
        return new SignInController(settings, identityProvider(settings, environment), http, Clock.systemUTC())
                .route();
    }

    /**
     * The console's pages and the charting library, readable without a token (they hold nothing), ahead of the API's
     * chain, which asks every other request for one.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain consolePages(HttpSecurity http, ContentSecurityPolicy contentSecurityPolicy) throws Exception {
        return http.securityMatcher(PATH, PATH + "/**", "/webjars/**")
                .csrf(AbstractHttpConfigurer::disable) // GET only, no cookies: nothing for CSRF to ride on.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET).permitAll()
                        .anyRequest().denyAll())
                .headers(headers -> headers
                        .addHeaderWriter(contentSecurityPolicy)
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /** {@code /console} and each page's clean address lead to its static page. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController(PATH, PATH + "/");
        registry.addViewController(PATH + "/").setViewName("forward:" + PATH + "/index.html");
        for (String page : new String[]{"agent", "journey", "analytics", "lost-accounts", "audit", "erasure", "operations"}) {
            registry.addViewController(PATH + "/" + page).setViewName("forward:" + PATH + "/" + page + ".html");
        }
    }
}
