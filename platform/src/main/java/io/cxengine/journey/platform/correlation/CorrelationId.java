package io.cxengine.journey.platform.correlation;

import io.cxengine.journey.customer.RandomIds;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The id that ties a request to what it caused and to who read what: the client's {@code X-Correlation-Id}, or one
 * the engine gave the request. Events carry it in their metadata, access-log entries in a column.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    static final String ATTRIBUTE = CorrelationId.class.getName();

    private CorrelationId() {
    }

    /** The correlation id of this request; a fresh one for a request the filter never saw. */
    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id != null ? id.toString() : RandomIds.next().toString();
    }
}
