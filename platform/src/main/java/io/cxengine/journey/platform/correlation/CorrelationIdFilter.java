package io.cxengine.journey.platform.correlation;

import io.cxengine.journey.customer.RandomIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Pattern;

/** Gives every request an {@code X-Correlation-Id} (the client's, or a new one) and echoes it in the response. */
final class CorrelationIdFilter extends OncePerRequestFilter {

    private static final Pattern ACCEPTED = Pattern.compile("[\\x21-\\x7e]{1,255}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(CorrelationId.HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : RandomIds.next().toString();
        request.setAttribute(CorrelationId.ATTRIBUTE, id);
        response.setHeader(CorrelationId.HEADER, id);
        chain.doFilter(request, response);
    }
}
