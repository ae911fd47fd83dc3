package io.cxengine.journey.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report for requests the container itself refuses before any filter or controller runs (an encoded
 * NUL, slash or backslash in the path, a bad escape, an oversized request header): an RFC 9457 problem instead of
 * Tomcat's HTML page. Errors of requests that reach the application never get here: Spring renders those.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemAdviceSupport.PROBLEM_BASE + (status < 500 ? "invalid-request" : "internal-error"));
        problem.put("title", status < 500 ? "Invalid request" : "Internal error");
        problem.put("status", status);
        problem.put("detail", status == 431 || (status == 400 && isHeaderTooLarge(throwable))
                ? "The request's headers are larger than the engine accepts"
                : status < 500
                ? "The request was refused before it reached the API: its request line or headers are not valid "
                + "HTTP (e.g. an encoded NUL, slash or backslash, or a bad percent escape in the path)"
                : "The engine failed unexpectedly; nothing was recorded unless a retry says otherwise.");
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response can no longer be written: nothing more to tell.
        }
    }

    private static boolean isHeaderTooLarge(Throwable throwable) {
        return throwable != null && String.valueOf(throwable.getMessage()).contains("header");
    }
}
