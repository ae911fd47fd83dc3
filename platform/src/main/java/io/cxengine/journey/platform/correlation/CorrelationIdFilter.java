package io.cxengine.journey.platform.correlation;

import io.cxengine.journey.customer.RandomIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Correlation-Id} (the client's, or a new one) and echoes it in the response; while
 * the request runs, its log lines carry it ({@value #LOGGED} in the logging context, a field of its own in structured
 * logs: {@code docs/operations.md}, "Logs").
 */
final class CorrelationIdFilter extends OncePerRequestFilter {

    static final String LOGGED = "correlationId";
    private static final Pattern ACCEPTED = Pattern.compile("[\\x21-\\x7e]{1,255}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(CorrelationId.HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : RandomIds.next().toString();
        request.setAttribute(CorrelationId.ATTRIBUTE, id);
        response.setHeader(CorrelationId.HEADER, id);
        try (MDC.MDCCloseable logged = MDC.putCloseable(LOGGED, id)) {
            chain.doFilter(request, response);
        }
    }
}
