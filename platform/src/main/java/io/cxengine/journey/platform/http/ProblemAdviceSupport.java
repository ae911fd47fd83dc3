package io.cxengine.journey.platform.http;

import io.cxengine.journey.platform.eventstore.EventStoreSettings;
import io.cxengine.journey.platform.eventstore.EventWriteTimedOut;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.cxengine.journey.platform.ratelimit.RateLimited;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What both sides answer for malformed requests, as RFC 9457 problems: every problem has a {@code type} under
 * {@code https://cxengine.io/problems/}, a title, the status and a detail a developer can act on; validation problems
 * also list the offending fields. Each side extends this once with the exceptions of its own domain.
 */
public abstract class ProblemAdviceSupport extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdviceSupport.class);

    public static final String PROBLEM_BASE = "https://cxengine.io/problems/";

    /** A problem with a stable type, so clients can branch on {@code type} rather than on prose. */
    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEM_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** Over a rate limit (see {@code journey.rate-limits}): 429, and when to come back. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> rateLimited(RateLimited limited) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(limited.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, RateLimited.PROBLEM_TYPE, RateLimited.PROBLEM_TITLE,
                        limited.getMessage()));
    }

    /**
     * Whatever no other mapping knows: a 503 problem with {@code Retry-After} if the database did not answer (see
     * {@link DatabaseUnavailable}), otherwise a 500 problem that tells the client nothing of the internals, and a log
     * line that tells the operator everything.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception exception, WebRequest request) {
        if (DatabaseUnavailable.causedBy(exception)) {
            return databaseUnavailable(exception, request);
        }
        log.error("Unexpected failure of {}", request.getDescription(false), exception);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error",
                "The engine failed unexpectedly; nothing was recorded unless a retry says otherwise. The failure is logged."));
    }

    /**
     * The database did not answer in time. A write may or may not have been recorded (its commit may have reached the
     * disk just before the connection broke), so the client retries with the same {@code Idempotency-Key}: the engine
     * then answers the first outcome or records it once.
     */
    private static ResponseEntity<ProblemDetail> databaseUnavailable(Exception exception, WebRequest request) {
        log.warn("Database unavailable for {}: {}", request.getDescription(false), rootMessage(exception));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .body(DatabaseUnavailable.problem());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(invalidRequest(ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemAdviceSupport::fieldError)
                .toList()));
    }

    /** A request whose fields break the API's rules: 400, naming each field and what is wrong with it. */
    public static ProblemDetail invalidRequest(List<Map<String, Object>> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                errors.stream().map(e -> e.get("field") + " " + e.get("message")).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static Map<String, Object> fieldError(FieldError error) {
        return Map.of("field", error.getField(),
                "message", String.valueOf(error.getDefaultMessage()));
    }

    /**
     * An event-writing transaction that ran past the write timeout (see {@link EventStoreSettings}): rolled back,
     * nothing recorded, safe to retry with the same {@code Idempotency-Key}.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> writeTimedOut(EventWriteTimedOut timedOut) {
        log.warn("A write ran past journey.event-store.write-timeout and was rolled back: {}", timedOut.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, EventWriteTimedOut.PROBLEM_TYPE, "The write took too long",
                        "The write did not finish within the engine's bound on writes and was rolled back; nothing "
                                + "was recorded. Retry with the same Idempotency-Key."));
    }

    /** A query parameter with text the engine cannot store or search for (see {@link StorableText}). */
    @ExceptionHandler
    ProblemDetail unstorableParameter(StorableText.UnstorableParameter unstorable) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                unstorable.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", unstorable.parameter(), "message", unstorable.getMessage())));
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(unreadable(ex.getCause()));
    }

    /**
     * A body that does not read as the request it should be ({@code cause} is the JSON parser's or mapper's
     * exception): 400, naming the field where it can.
     */
    public static ProblemDetail unreadable(Throwable cause) {
        ProblemDetail problem;
        if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String field = path(invalid);
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(String::valueOf).collect(Collectors.joining(", "));
            problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "%s: '%s' is not one of the allowed values: %s".formatted(field, invalid.getValue(), allowed));
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "must be one of " + allowed)));
            problem.setProperty("allowedValues", Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(String::valueOf).toList());
        } else if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "%s is not a field of this request; known fields: %s".formatted(field, unknown.getKnownPropertyIds()));
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "is not a known field")));
        } else if (cause instanceof StorableText.Unstorable unstorable) {
            String field = path(unstorable);
            problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "%s %s".formatted(field, unstorable.getOriginalMessage()));
            problem.setProperty("errors", List.of(Map.of("field", field, "message", unstorable.getOriginalMessage())));
        } else if (cause instanceof MismatchedInputException mismatched) {
            String field = path(mismatched);
            problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "%s has the wrong type or shape".formatted(field.isEmpty() ? "the body" : field));
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "has the wrong type or shape")));
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The request body is not well-formed JSON of the expected shape");
        }
        return problem;
    }

    private static String path(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
