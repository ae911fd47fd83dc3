package io.cxengine.journey.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling, as the verified token says: the subject (a person or a service account), the client (the system
 * the token was issued to: {@code azp}, else {@code client_id}), the scopes and the token's id.
 */
public record Caller(String subject, String client, Set<String> scopes, String tokenId) {

    /** The caller of the current request, if it presented a valid token. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token ? Optional.of(of(token.getToken()))
                : Optional.empty();
    }

    static Caller of(Jwt jwt) {
        String client = Optional.ofNullable(jwt.getClaimAsString("azp"))
                .or(() -> Optional.ofNullable(jwt.getClaimAsString("client_id")))
                .orElse(jwt.getSubject());
        return new Caller(jwt.getSubject(), client, scopes(jwt), jwt.getId());
    }

    /** The scopes of a token: {@code scope} as a space-separated string (OAuth 2) or {@code scp} as a list. */
    static Set<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaims().getOrDefault("scope", jwt.getClaims().get("scp"));
        if (scope instanceof String text) {
            return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        }
        if (scope instanceof java.util.Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return Set.of();
    }

    /** Whether the caller holds at least one of these scopes. */
    public boolean holdsAny(Scope... allowed) {
        return Arrays.stream(allowed).anyMatch(s -> scopes.contains(s.value()));
    }
}
