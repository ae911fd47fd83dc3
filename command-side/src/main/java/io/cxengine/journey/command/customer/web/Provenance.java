package io.cxengine.journey.command.customer.web;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.MetaData;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Who submitted a command and in which conversation: stored as metadata on every event the command records. */
final class Provenance {

    static final String CORRELATION_ID = "correlationId";
    static final String PRINCIPAL = "principal";
    static final String SYSTEM = "system";

    private Provenance() {
    }

    static MetaData of(HttpServletRequest request) {
        Map<String, Object> values = new HashMap<>();
        values.put(CORRELATION_ID, CorrelationIdFilter.correlationId(request));
        values.put(PRINCIPAL, Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName).orElse("anonymous"));
        Optional.ofNullable(request.getHeader("User-Agent")).ifPresent(agent -> values.put(SYSTEM, agent));
        return MetaData.from(values);
    }
}
