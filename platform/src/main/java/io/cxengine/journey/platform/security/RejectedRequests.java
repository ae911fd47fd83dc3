package io.cxengine.journey.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;
import java.util.Map;

/**
 * Requests that Spring Security's firewall refuses (a {@code //}, {@code ;}, an encoded {@code %} or {@code .} in the
 * path, a header with control characters): a 400 problem, before any token is even read.
 */
final class RejectedRequests implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException rejected) throws IOException {
        Refusals.write(response, 400, "invalid-request", "Invalid request",
                "The request was refused before it reached the API: its path or headers hold characters the engine "
                        + "does not accept (e.g. //, ;, an encoded % or a control character)", Map.of());
    }
}
