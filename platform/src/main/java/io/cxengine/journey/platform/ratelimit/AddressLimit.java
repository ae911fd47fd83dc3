package io.cxengine.journey.platform.ratelimit;

import io.cxengine.journey.platform.security.Refusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The allowance of a remote address, charged before the token is even decoded: a loose one for every request, and a
 * tight one spent by each request whose token is refused (401), so that nobody can make the engine verify
 * signatures as fast as they can send garbage. The address is the connection's, or the client's as a trusted proxy
 * forwards it when {@code server.forward-headers-strategy} says so.
 */
final class AddressLimit extends OncePerRequestFilter {

    private final RateLimitSettings settings;
    private final Allowances<String> everyRequest;
    private final Allowances<String> refusedTokens;
    private final RateLimitMetrics metrics;

    AddressLimit(RateLimitSettings settings, RateLimitMetrics metrics) {
        this.settings = settings;
        this.everyRequest = new Allowances<>(settings.trackedKeys(), address -> settings.perAddress());
        this.refusedTokens = new Allowances<>(settings.trackedKeys(), address -> settings.unauthenticated());
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        Duration wait = refusedTokens.waitFor(address);
        if (!wait.isZero()) {
            refuse(response, "unauthenticated", new RateLimited("Too many requests with refused tokens came from "
                    + "this address; it may try again once its allowance refills.", wait));
            return;
        }
        wait = everyRequest.spend(address, 1);
        if (!wait.isZero()) {
            refuse(response, "address", new RateLimited("This address has sent more requests than its allowance of "
                    + settings.perAddress().capacity() + " at once and " + settings.perAddress().refillPerSecond()
                    + " per second.", wait));
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            refusedTokens.spend(address, 1);
        }
    }

    private void refuse(HttpServletResponse response, String limit, RateLimited limited) throws IOException {
        metrics.refused(limit);
        Refusals.write(response, 429, RateLimited.PROBLEM_TYPE, RateLimited.PROBLEM_TITLE, limited.getMessage(),
                Map.of("Retry-After", String.valueOf(limited.retryAfterSeconds())));
    }
}
