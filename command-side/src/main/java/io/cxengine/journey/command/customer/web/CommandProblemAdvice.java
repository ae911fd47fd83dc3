package io.cxengine.journey.command.customer.web;

import io.cxengine.journey.command.customer.JourneyRuleViolation;
import io.cxengine.journey.platform.ProblemAdviceSupport;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The command side's one mapping from what went wrong to an RFC 9457 problem. Nothing was recorded in any case. */
@RestControllerAdvice(basePackages = "io.cxengine.journey.command")
class CommandProblemAdvice extends ProblemAdviceSupport {

    @ExceptionHandler
    ProblemDetail journeyRule(JourneyRuleViolation violation) {
        return problem(HttpStatus.CONFLICT, "journey-rule", "The journey does not allow this", violation.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownCustomer(AggregateNotFoundException notFound) {
        return problem(HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer",
                "No customer %s is registered".formatted(notFound.getAggregateIdentifier()));
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail concurrentWrite(Exception conflict) {
        return problem(HttpStatus.CONFLICT, "concurrent-write", "A concurrent write won",
                "Another write to this customer was recorded first; read the customer again and retry");
    }
}
