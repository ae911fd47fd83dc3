package io.cxengine.journey.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.util.Optional;

/**
 * Lets a request reach an operation of the engine only if its token holds one of the scopes the operation is
 * {@link Allowed} for; an operation without {@code @Allowed} is refused to everyone. Runs before every other
 * interceptor, so a refused request claims no idempotency key and touches nothing.
 */
public final class ScopeCheck implements HandlerInterceptor {

    static final String ENGINE_PACKAGE = "io.cxengine.journey";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method)
                || !method.getBeanType().getPackageName().startsWith(ENGINE_PACKAGE)) {
            return true; // Actuator, OpenAPI and the error page are ruled by the filter chain.
        }
        Scope[] allowed = scopesOf(method);
        if (Caller.current().filter(caller -> caller.holdsAny(allowed)).isPresent()) {
            return true;
        }
        Refusals.insufficientScope(response, allowed);
        return false;
    }

    /** The scopes that may call an operation of the engine; none for one without {@link Allowed}. */
    public static Scope[] scopesOf(HandlerMethod method) {
        return allowed(method).map(Allowed::value).orElse(new Scope[0]);
    }

    /** The scopes of an operation: on its method, else on its controller. */
    static Optional<Allowed> allowed(HandlerMethod method) {
        return Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Allowed.class))
                .or(() -> Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(),
                        Allowed.class)));
    }
}
