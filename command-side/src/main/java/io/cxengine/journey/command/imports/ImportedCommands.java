package io.cxengine.journey.command.imports;

import io.cxengine.journey.command.customer.Customer;
import io.cxengine.journey.command.customer.CustomerCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Runs one imported line's command in a unit of work nested in its batch's: the Customer aggregate's own command
 * handlers, through the customers' repository (the customer's lock, memory and version check), with the provenance
 * the line carries. Its events join the batch's and are appended, linked into each customer's hash chain, when the
 * batch commits; a refused command rolls back its own unit of work only.
 * <p>
 * Not through the command bus: the bus gives every command a transaction of its own (a refusal inside the batch's
 * transaction would mark all of it for rollback) and a receipt read from the store after its commit, which an import
 * line does not need.
 */
@Component
class ImportedCommands {

    private final AggregateAnnotationCommandHandler<Customer> customers;
    private final ObjectProvider<Configuration> axon;
    private volatile List<CorrelationDataProvider> provenance;

    ImportedCommands(@Qualifier("customerRepository") Repository<Customer> customerRepository,
                     ParameterResolverFactory parameters, HandlerDefinition handlers, ObjectProvider<Configuration> axon) {
        this.customers = AggregateAnnotationCommandHandler.<Customer>builder()
                .aggregateType(Customer.class)
                .repository(customerRepository)
                .parameterResolverFactory(parameters)
                .handlerDefinition(handlers)
                .build();
        this.axon = axon;
    }

    /**
     * Runs the command in a unit of work nested in the current one; throws what the customer refused it with (or
     * whatever else went wrong), having recorded nothing of it.
     */
    void run(CustomerCommand command, MetaData provenance) throws Exception {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(provenance);
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        providers().forEach(unitOfWork::registerCorrelationDataProvider);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> customers.handle(unitOfWork.getMessage()));
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof Exception exception) {
                throw exception;
            }
            throw (Error) failure;
        }
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
