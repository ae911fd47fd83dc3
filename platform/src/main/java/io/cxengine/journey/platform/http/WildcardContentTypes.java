package io.cxengine.journey.platform.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A request body "of type {@code *}/{@code *}" names no type at all: 415 before the request reaches any handler
 * mapping (Spring's functional routes, which the console's sign-in uses, fail on such a header with an exception that
 * would otherwise answer 500).
 */
final class WildcardContentTypes extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && wildcard(contentType)) {
            response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("""
                    {"type":"about:blank","title":"Unsupported Media Type",\
                    "status":415,"detail":"A request body needs a Content-Type that names its type, not a wildcard",\
                    "instance":"%s"}""".formatted(request.getRequestURI().replace("\\", "\\\\").replace("\"", "\\\"")));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean wildcard(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false; // left to the handlers, which answer it already
        }
    }
}
