package io.cxengine.journey.platform.accesslog;

import io.cxengine.journey.platform.security.Refusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.util.Map;

/**
 * Starts the read of every logged operation, before the scope check, so that a refusal of the scope is logged too;
 * it reads nothing and touches nothing but the request. A refusal answered without a body of the advice (the scope
 * check's 403) is logged when the request completes: it sent no data, so there is nothing to hold back.
 */
final class AccessLogInterceptor implements HandlerInterceptor {

    private final AccessReads reads;

    AccessLogInterceptor(AccessReads reads) {
        this.reads = reads;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method) || reads.start(request, method).isEmpty()) {
            return true;
        }
        if (Purpose.valid(request.getHeader(Purpose.HEADER))) {
            return true;
        }
        if (reads.write(request, 400, null)) {
            Refusals.write(response, 400, "invalid-request", "Invalid request", Purpose.HEADER
                    + " must be printable text of at most " + Purpose.MAX_LENGTH + " characters", Map.of());
        } else {
            reads.unavailable(request, response);
        }
        return false;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        reads.write(request, response.getStatus(), null);
    }
}
