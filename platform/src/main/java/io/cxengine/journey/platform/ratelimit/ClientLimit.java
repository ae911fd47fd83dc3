package io.cxengine.journey.platform.ratelimit;

import io.cxengine.journey.platform.security.Caller;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.platform.security.ScopeCheck;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.Arrays;

/**
 * The allowance of a client (the token's {@code azp} or {@code client_id}) for the scope it calls an operation under,
 * charged right after the scope check and before anything acts (no idempotency key is claimed, nothing recorded).
 * A caller holding several of the scopes an operation allows spends the allowance of the first of them.
 */
final class ClientLimit implements HandlerInterceptor {

    private final RateLimitSettings settings;
    private final Allowances<Key> allowances;
    private final RateLimitMetrics metrics;

    ClientLimit(RateLimitSettings settings, RateLimitMetrics metrics) {
        this.settings = settings;
        this.allowances = new Allowances<>(settings.trackedKeys(), key -> settings.limit(key.scope()));
        this.metrics = metrics;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || request.getDispatcherType() != DispatcherType.REQUEST) {
            return true; // An async dispatch (a streamed export, a live stream) continues a request already charged.
        }
        Scope[] allowed = ScopeCheck.scopesOf(method);
        Caller caller = Caller.current().orElse(null);
        if (caller == null || allowed.length == 0) {
            return true; // The scope check has refused it already, or it is not an operation of the engine.
        }
        Scope scope = Arrays.stream(allowed).filter(caller::holdsAny).findFirst().orElse(null);
        if (scope == null) {
            return true;
        }
        Cost cost = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Cost.class);
        int spent = cost(cost, request);
        Duration wait = allowances.spend(new Key(caller.client(), scope), spent);
        if (!wait.isZero()) {
            metrics.refused(scope.value());
            RateLimitSettings.Limit limit = settings.limit(scope);
            throw new RateLimited("Client " + caller.client() + " has spent its " + scope.value()
                    + " allowance of " + limit.capacity() + " requests at once and " + limit.refillPerSecond()
                    + " per second" + (spent > 1 ? " (this operation costs " + spent + ")" : "") + ".", wait);
        }
        return true;
    }

    /** What a call costs: 1, or its {@link Cost}, heavier when its parameter asks for more work. */
    static int cost(Cost cost, HttpServletRequest request) {
        if (cost == null) {
            return 1;
        }
        if (!cost.heavierWith().isEmpty() && Boolean.parseBoolean(request.getParameter(cost.heavierWith()))) {
            return Math.max(cost.value(), cost.heavierCost());
        }
        return cost.value();
    }

    record Key(String client, Scope scope) {
    }
}
