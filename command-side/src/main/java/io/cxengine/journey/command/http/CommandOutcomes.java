package io.cxengine.journey.command.http;

import io.cxengine.journey.command.customer.CustomerCommand;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What became of each command sent over the API, as meters ({@code docs/operations.md}, "Meters"):
 * {@code journey.commands} by command and outcome ({@code recorded}, {@code replayed} under an answered
 * {@code Idempotency-Key}, {@code refused}, {@code conflict}, {@code failed}), and {@code journey.refusals} by command
 * and the rule that refused it, named as its problem type names it ({@code journey-rule}, {@code unknown-complaint},
 * {@code invalid-request}, {@code idempotency-key-reused}, ...), so that the meters and the answers never disagree.
 */
@Component
class CommandOutcomes {

    private final MeterRegistry meters;
    private final CommandProblemAdvice problems;
    /** Each command's counter per outcome, built once: counting is on every write's path. */
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    CommandOutcomes(MeterRegistry meters, CommandProblemAdvice problems) {
        this.meters = meters;
        this.problems = problems;
    }

    void recorded(CustomerCommand command) {
        count(command, "recorded");
    }

    void replayed(CustomerCommand command) {
        count(command, "replayed");
    }

    /** A command that recorded nothing: refused by a rule, beaten by a concurrent write, or failed. */
    void notRecorded(CustomerCommand command, Throwable failure) {
        Optional<ProblemDetail> refusal = problems.refusal(failure);
        if (refusal.isPresent()) {
            refused(command, rule(refusal.get()));
        } else if (failure instanceof ConflictingAggregateVersionException) {
            refused(command, "version-mismatch");
        } else if (failure instanceof ConcurrencyException || failure instanceof AggregateStreamCreationException) {
            count(command, "conflict");
        } else {
            count(command, "failed");
        }
    }

    private void refused(CustomerCommand command, String rule) {
        count(command, "refused");
        counters.computeIfAbsent(List.of("refusal", name(command), rule), key -> Counter.builder("journey.refusals")
                .description("Commands the journey refused, by the rule that refused them")
                .tag("command", key.get(1)).tag("rule", key.get(2)).register(meters)).increment();
    }

    private void count(CustomerCommand command, String outcome) {
        counters.computeIfAbsent(List.of("command", name(command), outcome), key -> Counter.builder("journey.commands")
                .description("Commands sent over the API, by what became of them")
                .tag("command", key.get(1)).tag("outcome", key.get(2)).register(meters)).increment();
    }

    private static String name(CustomerCommand command) {
        return command.getClass().getSimpleName();
    }

    private static String rule(ProblemDetail refusal) {
        String type = refusal.getType().toString();
        return type.substring(type.lastIndexOf('/') + 1);
    }
}
