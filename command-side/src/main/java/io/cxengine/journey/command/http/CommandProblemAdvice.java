package io.cxengine.journey.command.http;

import io.cxengine.journey.command.customer.InvalidFact;
import io.cxengine.journey.command.customer.JourneyRuleViolation;
import io.cxengine.journey.command.customer.UnknownReference;
import io.cxengine.journey.command.idempotency.IdempotencyKeyInFlight;
import io.cxengine.journey.command.idempotency.IdempotencyKeyReused;
import io.cxengine.journey.platform.http.ProblemAdviceSupport;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command side's one mapping from what went wrong to an RFC 9457 problem. Nothing was recorded in any case. */
@Order(0)
@RestControllerAdvice(basePackages = "io.cxengine.journey.command")
public class CommandProblemAdvice extends ProblemAdviceSupport {

    /**
     * The problem a command endpoint answers when the journey refuses its command (a rule, an unknown customer or
     * reference, an invalid fact) or its {@code Idempotency-Key} refuses it (promised for another request, or in
     * flight), as an import reports a refused line; empty for any other failure.
     */
    public Optional<ProblemDetail> refusal(Throwable failure) {
        if (failure instanceof IdempotencyKeyReused reused) {
            return Optional.of(idempotencyKeyReused(reused));
        }
        if (failure instanceof IdempotencyKeyInFlight inFlight) {
            return Optional.of(idempotencyKeyInFlight(inFlight));
        }
        if (failure instanceof UnknownReference unknown) {
            return Optional.of(unknownReference(unknown));
        }
        if (failure instanceof InvalidFact invalid) {
            return Optional.of(invalidFact(invalid));
        }
        if (failure instanceof JourneyRuleViolation violation) {
            return Optional.of(journeyRule(violation));
        }
        if (failure instanceof AggregateNotFoundException notFound) {
            return Optional.of(unknownCustomer(notFound));
        }
        return Optional.empty();
    }

    @ExceptionHandler
    ProblemDetail journeyRule(JourneyRuleViolation violation) {
        return problem(HttpStatus.CONFLICT, "journey-rule", "The journey does not allow this", violation.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownReference(UnknownReference unknown) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "unknown-" + unknown.kind(),
                "Unknown " + unknown.kind(), unknown.getMessage());
        problem.setProperty(unknown.kind().equals("follow-up") ? "followUpId" : unknown.kind() + "Id", unknown.id());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidFact(InvalidFact invalid) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                invalid.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", invalid.field(), "message", invalid.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unknownCustomer(AggregateNotFoundException notFound) {
        return problem(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer",
                "No customer %s is registered".formatted(notFound.getAggregateIdentifier()));
    }

    @ExceptionHandler
    ProblemDetail staleVersion(ConflictingAggregateVersionException stale) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "version-mismatch", "The customer has changed",
                "If-Match expected version %d, but the customer is at version %d; read it again"
                        .formatted(stale.getExpectedVersion(), stale.getActualVersion()));
        problem.setProperty("currentVersion", stale.getActualVersion());
        return problem;
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail concurrentWrite(Exception conflict) {
        return problem(HttpStatus.CONFLICT, "concurrent-write", "A concurrent write won",
                "Another write to this customer was recorded first; read the customer again and retry");
    }

    @ExceptionHandler
    ProblemDetail idempotencyKeyInFlight(IdempotencyKeyInFlight inFlight) {
        return problem(HttpStatus.CONFLICT, "idempotency-key-in-flight", "The same request is still running",
                inFlight.getMessage());
    }

    @ExceptionHandler
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReused reused) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                "Idempotency-Key used for another request", reused.getMessage());
    }

    @ExceptionHandler
    ProblemDetail payloadTooLarge(PayloadTooLarge tooLarge) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large",
                tooLarge.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidHeader(InvalidHeader invalid) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                invalid.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", invalid.header(), "message", invalid.getMessage())));
        return problem;
    }
}
