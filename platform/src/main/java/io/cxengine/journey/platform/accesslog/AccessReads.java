package io.cxengine.journey.platform.accesslog;

import io.cxengine.journey.platform.http.DatabaseUnavailable;
import io.cxengine.journey.platform.http.ProblemAdviceSupport;
import io.cxengine.journey.platform.correlation.CorrelationId;
import io.cxengine.journey.platform.security.Caller;
import io.cxengine.journey.platform.security.Refusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one rule of when a read is logged: an {@link AccessLogged} operation starts a read when it is dispatched, and its
 * entry is written once, with the outcome, before the first byte of the answer; the interceptor, the body advice and
 * the stream handler of this package only say when that moment has come.
 */
final class AccessReads {

    private static final Logger log = LoggerFactory.getLogger(AccessReads.class);
    // The read under way, from dispatch to its entry; then WRITTEN, so that a stream's async dispatches and the error
    // body of a refused read never log a second entry.
    private static final String STATE = AccessReads.class.getName();
    private static final Object WRITTEN = new Object();
    // Set when an entry could not be written because the database did not answer: the read then gets the problem of
    // every request the database did not answer, not one of the access log's own.
    private static final String DATABASE_UNAVAILABLE = AccessReads.class.getName() + ".databaseUnavailable";

    private final AccessLog accessLog;
    private final AccessLogSettings settings;

    AccessReads(AccessLog accessLog, AccessLogSettings settings) {
        this.accessLog = accessLog;
        this.settings = settings;
    }

    /** Starts the read of a logged operation, if this dispatch is one and the caller is known. */
    Optional<AccessRead> start(HttpServletRequest request, HandlerMethod handler) {
        AccessLogged logged = handler.getMethodAnnotation(AccessLogged.class);
        if (logged == null || (logged.agentRead() && !settings.agentReads()) || request.getAttribute(STATE) != null) {
            return Optional.empty();
        }
        return Caller.current().map(caller -> {
            String purpose = request.getHeader(Purpose.HEADER);
            AccessRead read = new AccessRead(caller, operation(handler), request.getMethod(),
                    // Never the query string: a caller lookup's carries the phone number or e-mail address looked up.
                    request.getRequestURI(), customer(request, logged.customer()), CorrelationId.of(request),
                    Purpose.valid(purpose) && purpose != null && !purpose.isEmpty() ? purpose : null);
            request.setAttribute(STATE, read);
            return read;
        });
    }

    /** The stable name of an operation in the log: its controller and method, e.g. {@code HistoryController.page}. */
    static String operation(HandlerMethod handler) {
        return ClassUtils.getUserClass(handler.getBeanType()).getSimpleName() + "." + handler.getMethod().getName();
    }

    private static UUID customer(HttpServletRequest request, String variable) {
        if (variable.isEmpty()) {
            return null;
        }
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Object raw = variables instanceof Map<?, ?> map && map.get(variable) != null ? map.get(variable)
                : request.getParameter(variable); // The access log's own filter names its customer as a parameter.
        try {
            return raw == null ? null : UUID.fromString(raw.toString());
        } catch (IllegalArgumentException notAnId) {
            return null; // The path keeps what was asked for; the read itself is refused with 400.
        }
    }

    /**
     * Settles a read that the database did not answer without an entry: its answer discloses nothing (a 503
     * {@code database-unavailable} problem), and writing the entry would only wait for the same database a second time,
     * doubling the time the client waits for its 503.
     */
    void settleUnanswered(HttpServletRequest request) {
        if (request.getAttribute(STATE) instanceof AccessRead) {
            request.setAttribute(STATE, WRITTEN);
            request.setAttribute(DATABASE_UNAVAILABLE, Boolean.TRUE);
        }
    }

    /** Whether a read of this request awaits its entry. */
    boolean pending(HttpServletRequest request) {
        return request.getAttribute(STATE) instanceof AccessRead;
    }

    /**
     * Writes and commits the entry of the read under way, if there is one: true if it was written or none was due,
     * false if it could not be written, and then the answer must not be sent.
     */
    boolean write(HttpServletRequest request, int status, Long entries) {
        if (!(request.getAttribute(STATE) instanceof AccessRead read)) {
            return true;
        }
        request.setAttribute(STATE, WRITTEN);
        try {
            accessLog.append(read, String.valueOf(status), entries);
            return true;
        } catch (RuntimeException failure) {
            if (DatabaseUnavailable.causedBy(failure)) {
                request.setAttribute(DATABASE_UNAVAILABLE, Boolean.TRUE);
                log.warn("Could not write the access-log entry of {} {} by {}, the database did not answer: the read "
                        + "is refused", read.method(), read.path(), read.caller().subject());
                return false;
            }
            log.error("Could not write the access-log entry of {} {} by {}: the read is refused", read.method(),
                    read.path(), read.caller().subject(), failure);
            return false;
        }
    }

    /** How many entries an answer holds: a page or stream says so, a list is counted; a single document has none. */
    static Long entries(Object body) {
        if (body instanceof Counted counted) {
            return counted.count();
        }
        return body instanceof Collection<?> list ? (long) list.size() : null;
    }

    /** The problem a read gets whose entry could not be written. */
    ProblemDetail unavailable(HttpServletRequest request) {
        if (databaseUnavailable(request)) {
            return DatabaseUnavailable.problem();
        }
        return ProblemAdviceSupport.problem(HttpStatus.SERVICE_UNAVAILABLE, "access-log-unavailable",
                "Access log unavailable", UNAVAILABLE);
    }

    /** The problem a read gets whose entry could not be written, written straight to the response. */
    void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (databaseUnavailable(request)) {
            Refusals.write(response, 503, DatabaseUnavailable.PROBLEM_TYPE, DatabaseUnavailable.TITLE,
                    DatabaseUnavailable.DETAIL, Map.of(HttpHeaders.RETRY_AFTER, retryAfter(request)));
            return;
        }
        Refusals.write(response, 503, "access-log-unavailable", "Access log unavailable", UNAVAILABLE,
                Map.of(HttpHeaders.RETRY_AFTER, retryAfter(request)));
    }

    String retryAfter(HttpServletRequest request) {
        return databaseUnavailable(request) ? String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS)
                : String.valueOf(Math.max(1, settings.retryAfter().toSeconds()));
    }

    private static boolean databaseUnavailable(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(DATABASE_UNAVAILABLE));
    }

    private static final String UNAVAILABLE = "Every read of customer data is logged before it is answered, and the "
            + "access log could not be written; nothing was sent. Retry later.";
}
