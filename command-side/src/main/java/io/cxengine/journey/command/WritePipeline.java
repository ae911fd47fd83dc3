package io.cxengine.journey.command;

import io.cxengine.journey.command.audit.ChainedEvents;
import io.cxengine.journey.command.audit.PersonalDataErasure;
import io.cxengine.journey.command.imports.Imports;
import io.cxengine.journey.command.recording.AppliedEvents;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every interceptor of the write path, registered here and nowhere else, in this order (an HTTP write first passes
 * the web interceptors, whose order {@code docs/architecture.md} states: access log, scope check, client rate limit,
 * write guard):
 * <ol>
 * <li><b>Commands</b> (Axon runs a command's handler interceptors in the order registered, the first outermost):
 *     <ol>
 *     <li>{@link AppliedEvents#aroundCommands}: the command's first round trip (its {@code Idempotency-Key}'s claim,
 *         its customer's lock and version, the ids it names), a replay answered without running, and, once the
 *         events are appended, the receipt and the key's answer in the same transaction;</li>
 *     <li>{@link PersonalDataErasure}: an erasure destroys the customer's key and snapshots in the transaction of its
 *         receipt.</li>
 *     </ol></li>
 * <li><b>Events being appended</b> (at prepare-commit, each event through every dispatch interceptor in this order):
 *     <ol>
 *     <li>{@link ChainedEvents}: links each event into its customer's hash chain (the stored bytes are those it
 *         hashed);</li>
 *     <li>{@link AppliedEvents#onEventBus}: notes each customer's last sequence number for the receipt;</li>
 *     <li>{@link Imports#factCounter}: counts the facts an import batch appends.</li>
 *     </ol></li>
 * <li><b>Deadlines</b> (a clock that runs out, a follow-up missed): the provenance of the facts they record.</li>
 * </ol>
 */
@Configuration
class WritePipeline {

    @Bean
    SmartInitializingSingleton writeInterceptors(CommandBus commandBus, EventStore eventStore, DeadlineManager deadlines,
                                                 AppliedEvents applied, PersonalDataErasure erasure,
                                                 ChainedEvents chain, Imports imports,
                                                 CorrelationDataProvider provenanceProvider) {
        return () -> register(commandBus, eventStore, deadlines, applied, erasure, chain, imports, provenanceProvider);
    }

    static void register(CommandBus commandBus, EventStore eventStore, DeadlineManager deadlines,
                         AppliedEvents applied, PersonalDataErasure erasure, ChainedEvents chain, Imports imports,
                         CorrelationDataProvider provenanceProvider) {
        commandBus.registerHandlerInterceptor(applied.aroundCommands());
        commandBus.registerHandlerInterceptor(erasure);

        eventStore.registerDispatchInterceptor(chain);
        eventStore.registerDispatchInterceptor(applied.onEventBus());
        eventStore.registerDispatchInterceptor(imports.factCounter());

        // Axon gives a deadline's unit of work no correlation data of its own.
        deadlines.registerHandlerInterceptor((unitOfWork, next) -> {
            unitOfWork.registerCorrelationDataProvider(provenanceProvider);
            return next.proceed();
        });
    }
}
