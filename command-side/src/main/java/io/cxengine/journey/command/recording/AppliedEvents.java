package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.customer.CustomerCommand;
import io.cxengine.journey.command.factids.StoredFactIds;
import io.cxengine.journey.command.idempotency.IdempotencyKeyInFlight;
import io.cxengine.journey.command.idempotency.IdempotencyKeyReused;
import io.cxengine.journey.command.idempotency.IdempotencyRecords;
import io.cxengine.journey.command.idempotency.IdempotencyRecords.Claim;
import io.cxengine.journey.platform.eventstore.RoundTrip;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Makes a command's result the receipt of what that command itself recorded: the sequence number and global position
 * of its last event (or, for a repeated fact that recorded nothing, the customer's current version); and keeps the
 * promise of a command's {@code Idempotency-Key} in the same transaction as its events: claims the key before the
 * command runs (a key answered before replays that answer and runs nothing), and stores the command's answer after its
 * events are appended, so that facts, key and answer commit together.
 * <p>
 * Axon appends a command's events only when its unit of work prepares to commit: the event bus queues them while the
 * handler runs and, in a prepare-commit handler it registers when the first event is applied, passes them through its
 * dispatch interceptors and appends them. Prepare-commit handlers run in the order they were registered, so the handler
 * registered here after the command handler returned runs after the events are in the store, inside the same
 * transaction and while the repository still holds the customer's lock.
 */
@Component
public final class AppliedEvents {

    private static final String LAST_SEQUENCES = AppliedEvents.class.getName() + ".lastSequences";

    /** The command metadata that carries a {@link KeyedWrite}: in this process only, never copied to an event. */
    static final String KEYED_WRITE = AppliedEvents.class.getName() + ".keyedWrite";

    private final IdempotencyRecords idempotency;
    private final CustomerLocks locks;
    private final StoredFactIds factIds;
    private final EventPositions positions;
    private final Clock clock;

    AppliedEvents(IdempotencyRecords idempotency, CustomerLocks locks, StoredFactIds factIds, EventPositions positions,
                  Clock clock) {
        this.idempotency = idempotency;
        this.locks = locks;
        this.factIds = factIds;
        this.positions = positions;
        this.clock = clock;
    }

    /**
     * What a command handler's result becomes: filled in with the receipt when the command's events have been
     * appended, read by the sender once the unit of work has committed (on the sender's thread).
     */
    static final class Applied {
        private Receipt receipt;

        /** The receipt of the command's own write; null only if the command never reached its commit. */
        Receipt receipt() {
            return receipt;
        }
    }

    /** Notes, per customer, the sequence number of the last event the unit of work appends. */
    public MessageDispatchInterceptor<EventMessage<?>> onEventBus() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
                return (index, message) -> {
                    if (message instanceof DomainEventMessage<?> domainEvent && CurrentUnitOfWork.isStarted()) {
                        Map<String, Long> last = CurrentUnitOfWork.get().root()
                                .getOrComputeResource(LAST_SEQUENCES, key -> new HashMap<String, Long>());
                        last.merge(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber(), Math::max);
                    }
                    return message;
                };
            }
        };
    }

    public MessageHandlerInterceptor<CommandMessage<?>> aroundCommands() {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                                 InterceptorChain interceptorChain) throws Exception {
                CommandMessage<?> command = unitOfWork.getMessage();
                KeyedWrite keyed = (KeyedWrite) command.getMetaData().get(KEYED_WRITE);
                Claim claim = command.getPayload() instanceof CustomerCommand customerCommand
                        ? open(customerCommand, keyed)
                        : keyed == null ? null : idempotency.claim(keyed.client(), keyed.key(), keyed.requestHash());
                if (claim instanceof Claim.UsedForAnotherRequest) {
                    throw new IdempotencyKeyReused(keyed.key());
                }
                if (claim instanceof Claim.InFlight) {
                    throw new IdempotencyKeyInFlight(keyed.key());
                }
                if (claim instanceof Claim.Answered answered) {
                    // Recorded before: nothing runs, nothing is written; the transaction ends empty.
                    return new Written.Replayed(answered.answer(), answered.answer() != null ? null
                            : receipt(answered.customerId(), answered.version()));
                }
                Object result = interceptorChain.proceed();
                if (!(command.getPayload() instanceof CustomerCommand customerCommand)) {
                    return result;
                }
                String customerId = customerCommand.customerId().toString();
                Applied applied = new Applied();
                // Registered now, so it runs after the event bus's own prepare-commit handler has appended the events.
                unitOfWork.onPrepareCommit(u -> {
                    Map<String, Long> last = u.root().getResource(LAST_SEQUENCES);
                    Long sequence = last == null ? null : last.get(customerId);
                    Receipt receipt = sequence == null
                            ? positions.current(customerId).orElseThrow() // a repeated fact: no event
                            : positions.of(customerId, sequence);
                    if (keyed != null) {
                        idempotency.answered(keyed.client(), keyed.key(), keyed.requestHash(), customerId,
                                receipt.version(), keyed.answering().apply(receipt), clock.instant());
                    }
                    applied.receipt = receipt;
                });
                return applied;
            }
        };
    }

    /**
     * The command's first and, if its customer is in memory and it is refused, only round trip: its key's claim, its
     * customer's lock (taken only if the key is new) and version as stored, and the ids it names. Returns the key's
     * claim (null without a key).
     */
    private Claim open(CustomerCommand command, KeyedWrite keyed) {
        RoundTrip trip = new RoundTrip();
        IdempotencyRecords.ClaimOnTrip claim = keyed == null ? null
                : idempotency.claimOn(trip, keyed.client(), keyed.key(), keyed.requestHash());
        locks.lockForCommand(command.customerId().toString(), trip,
                claim == null ? null : claim.unused(), claim == null ? new Object[0] : claim.parameters(),
                underLock -> factIds.readOn(underLock, command.customerId(), command.namedIds()));
        return claim == null ? null : claim.claim();
    }

    /** The receipt of an earlier write from what its key kept (a key of before versions were kept: the current). */
    private Receipt receipt(String customerId, Long version) {
        return version == null ? positions.current(customerId).orElseThrow() : positions.of(customerId, version);
    }
}
