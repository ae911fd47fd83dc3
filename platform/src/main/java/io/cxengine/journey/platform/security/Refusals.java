package io.cxengine.journey.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.platform.http.ProblemAdviceSupport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The refusals of authentication and authorization as RFC 9457 problems, with the {@code WWW-Authenticate} challenge
 * of RFC 6750: 401 for a missing or invalid token, 403 for a token without the scope an operation needs. They are
 * written before any controller runs, so they are written here rather than by the sides' advice.
 */
public final class Refusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "journey-engine";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String challenge = "Bearer realm=\"" + REALM + "\"";
        String detail = "This operation needs a bearer token: send Authorization: Bearer <token>.";
        if (exception instanceof OAuth2AuthenticationException oauth
                && oauth.getError() instanceof BearerTokenError error) {
            detail = "The bearer token was refused: " + reason(error.getDescription());
            challenge += ", error=\"" + error.getErrorCode() + "\", error_description=\"" + quoted(reason(error.getDescription())) + "\"";
        } else if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            detail = "The Authorization header is not a bearer token.";
            challenge += ", error=\"invalid_request\"";
        }
        write(response, 401, "unauthenticated", "Unauthenticated", detail, Map.of(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       org.springframework.security.access.AccessDeniedException exception) throws IOException {
        // Only the filter chain's own rules get here: Actuator (journey.admin) and the error page (no one).
        insufficientScope(response, request.getRequestURI().startsWith("/actuator/") ? new Scope[]{Scope.ADMIN}
                : new Scope[0]);
    }

    /** 403: the token is valid but holds none of the scopes the operation allows. */
    static void insufficientScope(HttpServletResponse response, Scope[] allowed) throws IOException {
        String scopes = Arrays.stream(allowed).map(Scope::value).collect(Collectors.joining(" "));
        String detail = allowed.length == 0
                ? "No scope may call this operation."
                : "This operation needs a token with one of the scopes: " + scopes.replace(" ", ", ") + ".";
        write(response, 403, "insufficient-scope", "Forbidden", detail, Map.of(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", error_description=\"" + quoted(detail)
                        + "\", scope=\"" + scopes + "\""));
    }

    /** Writes a problem response that no controller produced (security, rate limits). */
    public static void write(HttpServletResponse response, int status, String type, String title, String detail,
                             Map<String, String> headers) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setContentType("application/problem+json");
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemAdviceSupport.PROBLEM_BASE + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        JSON.writeValue(response.getOutputStream(), problem);
    }

    /** What a validator said, without the decoder's internals (class names, parser positions). */
    private static String reason(String description) {
        if (description == null || description.isBlank()) {
            return "it is not a valid token for this engine.";
        }
        String reason = description.replaceFirst("^An error occurred while attempting to decode the Jwt: ", "");
        if (reason.contains("Exception") || reason.contains("\n") || reason.length() > 200) {
            return "it is not a well-formed, validly signed token.";
        }
        return reason;
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "'");
    }
}
