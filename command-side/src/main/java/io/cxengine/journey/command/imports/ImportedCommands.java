package io.cxengine.journey.command.imports;

import io.cxengine.journey.command.customer.Customer;
import io.cxengine.journey.command.customer.CustomerCommand;
import io.cxengine.journey.command.customer.JourneyRuleViolation;
import io.cxengine.journey.command.customer.ScheduledDeadlines;
import io.cxengine.journey.command.recording.CustomerRepositories;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.FixedValueParameterResolver;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;

/**
 * Runs one imported line's command in a unit of work nested in its batch's: the Customer aggregate's own command
 * handlers, through a customers' repository of its own that shares the customers' locks, memory and version check
 * with the command bus's, with the provenance the line carries, and with the batch's service-standard clocks
 * ({@link BatchDeadlines}). Its events join the batch's and are appended, linked into each customer's hash chain, when the
 * batch commits.
 * <p>
 * Not through the command bus: the bus gives every command a transaction of its own (a refusal inside the batch's
 * transaction would mark all of it for rollback) and a receipt read from the store after its commit, which an import
 * line does not need.
 */
@Component
class ImportedCommands {

    private final AggregateAnnotationCommandHandler<Customer> customers;
    private final Repository<Customer> repository;
    private final BatchDeadlines deadlines;
    private final ObjectProvider<Configuration> axon;
    private volatile List<CorrelationDataProvider> provenance;

    ImportedCommands(CustomerRepositories repositories, ParameterResolverFactory parameters,
                     HandlerDefinition handlers, DeadlineManager deadlineManager, ScheduledDeadlines scheduled,
                     ObjectProvider<Configuration> axon) {
        this.deadlines = new BatchDeadlines(deadlineManager, scheduled);
        // The customer's handlers get the batch's deadlines; every other parameter as the command bus gives it.
        ParameterResolverFactory inBatch = MultiParameterResolverFactory.ordered(
                (executable, parameterList, index) -> {
                    Class<?> type = parameterList[index].getType();
                    return type == DeadlineManager.class || type == ScheduledDeadlines.class
                            ? new FixedValueParameterResolver<>(deadlines) : null;
                },
                parameters);
        this.repository = repositories.resolving(inBatch);
        this.customers = AggregateAnnotationCommandHandler.<Customer>builder()
                .aggregateType(Customer.class)
                .repository(repository)
                .parameterResolverFactory(inBatch)
                .handlerDefinition(handlers)
                .build();
        this.axon = axon;
    }

    /** The clocks of a batch, held until it commits ({@link BatchDeadlines}). */
    BatchDeadlines deadlines() {
        return deadlines;
    }

    /** How a line's command went: recorded (or a repeated fact), or refused by the journey's rules. */
    sealed interface Outcome {
        /** Recorded: the customer's version after the line (its last event's sequence number, or as it was). */
        record Accepted(long version) implements Outcome {
        }

        /** Refused; nothing of the command was recorded, and the batch's state of the customer is intact. */
        record Refused(Exception refusal) implements Outcome {
        }
    }

    /**
     * Runs the command in a unit of work nested in the current one.
     * <p>
     * A refused unit of work rolls back, and the repository then forgets the customer it loaded for the whole batch:
     * harmless for a customer the batch has not written, fatal for one it has (the batch's events of that customer
     * would be appended after a state read again from the store without them). So for a customer {@code written} in
     * the batch, a refusal by the customer (a rule, an unknown reference, an invalid fact: every
     * {@link JourneyRuleViolation}) that changed nothing (the customer's version is where it was) ends its unit of
     * work without events, keeping the customer, and comes back as {@link Outcome.Refused}. Any other failure, and
     * any refusal of a customer not written in the batch, is thrown after the unit of work rolled back; the batch
     * must then end before a customer written in it is written again.
     * <p>
     * This rests on the aggregate's rule that a handler refuses before it applies events or starts or stops a clock
     * ({@code Customer}): the batch's clocks ({@link BatchDeadlines}) are not rolled back with a line.
     */
    Outcome run(CustomerCommand command, MetaData provenance, boolean written) throws Exception {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(provenance);
        List<CorrelationDataProvider> providers = providers();
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        providers.forEach(unitOfWork::registerCorrelationDataProvider);
        ResultMessage<Outcome> result = unitOfWork.executeWithResult(() -> {
            // Written in this batch: the repository holds the customer for the batch, so this load reads nothing.
            Aggregate<Customer> customer = written ? repository.load(command.customerId().toString()) : null;
            Long before = customer == null ? null : customer.version();
            try {
                customers.handle(unitOfWork.getMessage());
                // Held by the repository for the batch: this load reads nothing.
                return new Outcome.Accepted(repository.load(command.customerId().toString()).version());
            } catch (JourneyRuleViolation | AggregateNotFoundException refusal) {
                if (customer == null || !Objects.equals(before, customer.version())) {
                    throw refusal;
                }
                return new Outcome.Refused(refusal);
            }
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof Exception exception) {
                throw exception;
            }
            throw (Error) failure;
        }
        return result.getPayload();
    }


    /** What Axon copies from a command onto its events: the engine's provenance and Axon's own correlation ids. */
    private List<CorrelationDataProvider> providers() {
        List<CorrelationDataProvider> known = provenance;
        if (known == null) {
            known = List.copyOf(axon.getObject().correlationDataProviders());
            provenance = known;
        }
        return known;
    }
}
