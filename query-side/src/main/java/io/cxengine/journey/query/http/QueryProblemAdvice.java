package io.cxengine.journey.query.http;

import io.cxengine.journey.platform.http.ProblemAdviceSupport;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/** The query side's one mapping from what went wrong to an RFC 9457 problem. */
@Order(0)
@RestControllerAdvice(basePackages = "io.cxengine.journey.query")
class QueryProblemAdvice extends ProblemAdviceSupport {

    @ExceptionHandler
    ProblemDetail unknownCustomer(UnknownCustomer unknown) {
        return problem(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer", unknown.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownPseudonym(UnknownPseudonym unknown) {
        return problem(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer", unknown.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidRead(InvalidReadRequest invalid) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                invalid.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", invalid.parameter(), "message", invalid.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail projectionInUse(UnableToClaimTokenException inUse) {
        return problem(HttpStatus.CONFLICT, "projection-in-use", "Another instance runs this projection",
                "A rebuild must claim every segment of the projection, and another instance holds some; stop the "
                        + "projection there, or rebuild from that instance");
    }

    @ExceptionHandler
    ProblemDetail unknownWebhook(UnknownWebhook unknown) {
        return problem(HttpStatus.NOT_FOUND, "unknown-webhook", "Unknown webhook subscription", unknown.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownWhatIf(UnknownWhatIf unknown) {
        return problem(HttpStatus.NOT_FOUND, "unknown-what-if", "Unknown what-if run", unknown.getMessage());
    }

    @ExceptionHandler
    ProblemDetail whatIfBusy(WhatIfBusy busy) {
        ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "what-if-busy", "A what-if run is replaying",
                busy.getMessage());
        problem.setProperty("running", "/analytics/what-if/" + busy.running());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail insufficientScope(InsufficientScope insufficient) {
        return problem(HttpStatus.FORBIDDEN, "insufficient-scope", "Forbidden", insufficient.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownProjection(UnknownProjection unknown) {
        return problem(HttpStatus.NOT_FOUND, "unknown-projection", "Unknown projection", unknown.getMessage());
    }
}
