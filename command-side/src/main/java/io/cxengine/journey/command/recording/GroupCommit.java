package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.idempotency.IdempotencyKeyInFlight;
import io.cxengine.journey.platform.eventstore.EventStoreSettings;
import io.cxengine.journey.platform.eventstore.EventWriteTimedOut;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.stream.Stream;

/**
 * Group commit: commands sent over the API that arrive while others are being recorded are recorded together, in one
 * database transaction and one flush to disk, and each sender gets its own command's outcome.
 * <p>
 * A sender hands its command to a committer (a thread; each customer's commands always go to the same one) and waits.
 * The committer takes the commands waiting for it (up to {@code journey.group-commit.max-commands}, one per customer: a
 * customer's next command waits for the next group). A command that finds no other waiting goes back to its sender,
 * which records it alone, in a transaction of its own, as without group commit. Otherwise the committer runs them one
 * after another in one transaction, each through the command bus exactly as a command alone (its
 * unit of work joins the group's transaction) and inside a savepoint of its own: a command that fails (refused by the
 * journey's rules, a constraint of the store, anything) is rolled back to its savepoint and answered with its failure,
 * and the others go on. Then the group commits once, and only then is any of its commands answered: an answer still
 * means the facts are on disk. If the commit itself fails, no command of the group was recorded and each is answered
 * with that failure (the database unavailable: 503, safe to retry with the same {@code Idempotency-Key}).
 * <p>
 * A committer may wait a little for more commands before it records ({@code journey.group-commit.linger}, none by
 * default): larger groups for a little latency, as PostgreSQL's own {@code commit_delay}.
 * <p>
 * A group never waits for a customer another writer holds: a command whose customer another thread of this process
 * holds (an import batch, a deadline), or whose database lock another process does not give up within
 * {@code journey.group-commit.lock-wait}, goes back to its sender, which records it alone, waiting for the customer
 * as long as the write timeout allows, as without group commit. A second request with the {@code Idempotency-Key} of
 * one still waiting or being recorded is answered 409 {@code idempotency-key-in-flight} at once, as the key's own lock
 * answers it between processes.
 * <p>
 * What a command's unit of work does after it commits (keeping the customer in memory, remembering the last hash of
 * its chain, scheduling a snapshot) now happens before the group's commit; each of these is checked against the store
 * before it is used ({@link VersionCheckedRepository}, the chain's sequence check), so a group whose commit fails
 * leaves nothing wrong behind. A command that waited longer than the write timeout for its group is not run (503
 * {@code write-timed-out}, nothing recorded).
 */
@Component
public class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final CommandGateway gateway;
    private final TransactionTemplate transactions;
    private final CustomerLocks locks;
    private final GroupCommitSettings settings;
    private final Duration writeTimeout;
    private final List<Committer> committers = new ArrayList<>();
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong grouped = new AtomicLong();
    private final LongAccumulator largest = new LongAccumulator(Math::max, 0);
    private final AtomicLong alone = new AtomicLong();
    /** The {@code Idempotency-Key}s (with their clients) of the commands waiting or being recorded. */
    private final Set<String> keysInFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /** What a committer answers for a command it hands back to its sender, to be recorded alone. */
    private static final Object RECORD_ALONE = new Object();

    GroupCommit(CommandGateway gateway, PlatformTransactionManager transactions, CustomerLocks locks,
                GroupCommitSettings settings, EventStoreSettings eventStore) {
        this.gateway = gateway;
        this.transactions = new TransactionTemplate(transactions);
        this.locks = locks;
        this.settings = settings;
        this.writeTimeout = eventStore.writeTimeout();
    }

    /**
     * How many groups of more than one command were committed, with how many commands, the largest how large; and how
     * many commands were handed back to be recorded alone, their customer held by another writer.
     */
    public record Statistics(long groups, long commands, long largest, long handedBack) {
    }

    public Statistics statistics() {
        return new Statistics(groups.get(), grouped.get(), largest.get(), alone.get());
    }

    /**
     * Records the command with the others that arrive with it, and returns its result once the group has committed;
     * throws its own failure, as the command gateway would.
     */
    Object send(CommandMessage<?> command, String customerId) {
        if (!running) {
            return gateway.sendAndWait(command);
        }
        KeyedWrite keyed = (KeyedWrite) command.getMetaData().get(AppliedEvents.KEYED_WRITE);
        String key = keyed == null ? null : keyed.client() + '\n' + keyed.key();
        if (key != null && !keysInFlight.add(key)) {
            throw new IdempotencyKeyInFlight(keyed.key());
        }
        try {
            Object result = recorded(command, customerId);
            return result == RECORD_ALONE ? gateway.sendAndWait(command) : result;
        } finally {
            if (key != null) {
                keysInFlight.remove(key);
            }
        }
    }

    private Object recorded(CommandMessage<?> command, String customerId) {
        Waiting waiting = new Waiting(command, customerId, System.nanoTime());
        Committer committer = committers.get(Math.floorMod(customerId.hashCode(), committers.size()));
        committer.queue.add(waiting);
        try {
            while (true) {
                try {
                    return waiting.outcome.get(1, TimeUnit.SECONDS);
                } catch (TimeoutException stillWaiting) {
                    if (!committer.thread.isAlive() && committer.queue.remove(waiting)) {
                        return RECORD_ALONE; // the committer stopped before it took this one
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the command's group was being recorded", e);
        }
    }

    private record Waiting(CommandMessage<?> command, String customerId, long since,
                           CompletableFuture<Object> outcome) {
        Waiting(CommandMessage<?> command, String customerId, long since) {
            this(command, customerId, since, new CompletableFuture<>());
        }
    }

    private final class Committer implements Runnable {
        private final LinkedBlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
        /** Commands taken from the queue that wait for a later group: their customer has one in this group. */
        private final List<Waiting> deferred = new ArrayList<>();
        private final Thread thread;

        Committer(int index) {
            thread = new Thread(this, "group-commit-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (running || !queue.isEmpty() || !deferred.isEmpty()) {
                try {
                    List<Waiting> taken = new ArrayList<>(deferred);
                    deferred.clear();
                    if (taken.isEmpty()) {
                        Waiting first = queue.poll(100, TimeUnit.MILLISECONDS);
                        if (first == null) {
                            continue;
                        }
                        taken.add(first);
                    }
                    linger(taken);
                    queue.drainTo(taken, Math.max(0, settings.maxCommands() - taken.size()));
                    // One command per customer: a customer's next command, in order, waits for the next group.
                    Set<String> customers = new HashSet<>();
                    List<Waiting> group = new ArrayList<>();
                    for (Waiting waiting : taken) {
                        if (customers.contains(waiting.customerId()) || group.size() == settings.maxCommands()) {
                            deferred.add(waiting);
                        } else {
                            customers.add(waiting.customerId());
                            group.add(waiting);
                        }
                    }
                    record(group);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException | Error e) {
                    // Never reached for a command's own failure; the committer must outlive anything else.
                    log.error("A group of commands could not be recorded", e);
                }
            }
        }

        /** Waits up to {@code journey.group-commit.linger} for more commands to join the group (none by default). */
        private void linger(List<Waiting> taken) throws InterruptedException {
            long until = System.nanoTime() + settings.linger().toNanos();
            while (taken.size() < settings.maxCommands()) {
                long remaining = until - System.nanoTime();
                Waiting next = remaining <= 0 ? null : queue.poll(remaining, TimeUnit.NANOSECONDS);
                if (next == null) {
                    return;
                }
                taken.add(next);
            }
        }
    }

    private void record(List<Waiting> group) {
        if (group.size() == 1) {
            Waiting single = group.get(0);
            if (timedOut(single)) {
                single.outcome.completeExceptionally(new EventWriteTimedOut(waitedTooLong(single), null));
            } else {
                // Alone: recorded by its sender, in a transaction of its own, as without group commit.
                single.outcome.complete(RECORD_ALONE);
            }
            return;
        }
        Object[] results = new Object[group.size()];
        Throwable[] failures = new Throwable[group.size()];
        try {
            transactions.executeWithoutResult(status -> runAll(group, status, results, failures));
            groups.incrementAndGet();
            grouped.addAndGet(Stream.of(results).filter(result -> result != null && result != RECORD_ALONE).count());
            largest.accumulate(group.size());
        } catch (RuntimeException | Error commitFailure) {
            // Nothing of the group was recorded: every command not refused already gets the commit's failure.
            for (int i = 0; i < group.size(); i++) {
                if (failures[i] == null && results[i] != RECORD_ALONE) {
                    failures[i] = commitFailure;
                }
            }
        }
        for (int i = 0; i < group.size(); i++) {
            if (failures[i] != null) {
                group.get(i).outcome.completeExceptionally(failures[i]);
            } else {
                group.get(i).outcome.complete(results[i]);
            }
        }
    }

    private void runAll(List<Waiting> group, TransactionStatus status, Object[] results, Throwable[] failures) {
        for (int i = 0; i < group.size(); i++) {
            Waiting waiting = group.get(i);
            if (timedOut(waiting)) {
                failures[i] = new EventWriteTimedOut(waitedTooLong(waiting), null);
                continue;
            }
            if (locks.heldByAnotherThread(waiting.customerId())) {
                handBack(results, i);
                continue;
            }
            Object savepoint = status.createSavepoint();
            try {
                results[i] = CustomerLocks.waitingAtMost(settings.lockWait(),
                        () -> gateway.sendAndWait(waiting.command));
                status.releaseSavepoint(savepoint);
            } catch (RuntimeException | Error failure) {
                try {
                    // Back to before this command; clears what its unit of work marked for rollback.
                    status.rollbackToSavepoint(savepoint);
                } catch (RuntimeException rollbackFailure) {
                    rollbackFailure.addSuppressed(failure);
                    throw rollbackFailure;
                }
                if (failure instanceof CustomerLocks.CustomerBusy) {
                    handBack(results, i);
                } else {
                    failures[i] = failure;
                }
            }
        }
    }

    /** The command goes back to its sender, to be recorded alone: its customer is held by another writer. */
    private void handBack(Object[] results, int i) {
        results[i] = RECORD_ALONE;
        alone.incrementAndGet();
    }

    private boolean timedOut(Waiting waiting) {
        return !writeTimeout.isZero() && System.nanoTime() - waiting.since > writeTimeout.toNanos();
    }

    private String waitedTooLong(Waiting waiting) {
        return "The command waited %d ms for its turn, longer than the write timeout (%s); nothing was recorded"
                .formatted((System.nanoTime() - waiting.since) / 1_000_000, writeTimeout);
    }

    // --- lifecycle: committers run after the web server starts and stop after it has stopped --------------------

    @Override
    public void start() {
        if (!settings.enabled() || running) {
            return;
        }
        running = true;
        for (int i = 0; i < settings.committers(); i++) {
            Committer committer = new Committer(i);
            committers.add(committer);
            committer.thread.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Committer committer : committers) {
            try {
                committer.thread.join(Math.max(1_000, writeTimeout.toMillis() * 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        committers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
