package io.cxengine.journey.command.recording;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;

import java.util.concurrent.atomic.LongAdder;

/**
 * The customers' repository: keeps the customers this process wrote lately in memory (Axon's caching repository), and
 * takes one from memory only if it is the customer as stored, so that no write is ever decided on a state that
 * misses a fact.
 * <p>
 * What makes that safe:
 * <ul>
 * <li><b>One writer at a time.</b> Before loading, {@link CustomerLocks} takes the process lock and the customer's
 *     PostgreSQL advisory lock, and reads the customer's version as stored in the same round trip; no other process
 *     can write the customer until this transaction ends.</li>
 * <li><b>Checked against the store.</b> A customer in memory whose version is not the stored one (another engine
 *     process wrote it since, or the store was restored) is dropped and loaded from the store; without a stored
 *     version (no transaction) memory is never used.</li>
 * <li><b>Only what committed.</b> Axon puts a customer in memory when its unit of work saves it and removes it when
 *     the unit of work rolls back (a refusal, a failed commit), so memory never holds a fact the store lacks.</li>
 * </ul>
 * Memory is bounded by the cache's size; the snapshot and the events remain the truth, read whenever memory has no
 * current customer. Auditors never read from here: they read the history from the first event.
 */
public class VersionCheckedRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final CustomerLocks locks;
    private final LongAdder fromMemory = new LongAdder();
    private final LongAdder fromStore = new LongAdder();
    private final LongAdder stale = new LongAdder();

    public VersionCheckedRepository(EventSourcingRepository.Builder<T> builder, Cache cache, CustomerLocks locks) {
        super(builder.cache(cache).lockFactory(locks));
        this.cache = cache;
        this.locks = locks;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String id, Long expectedVersion) {
        Long stored = locks.storedVersion(id);
        if (stored == null || !cache.containsKey(id)) {
            cache.remove(id);
            fromStore.increment();
            return super.doLoadWithLock(id, expectedVersion);
        }
        EventSourcedAggregate<T> kept = super.doLoadWithLock(id, expectedVersion);
        if (kept.version() != null && kept.version() == stored.longValue()) {
            fromMemory.increment();
            return kept;
        }
        stale.increment();
        cache.remove(id);
        return super.doLoadWithLock(id, expectedVersion);
    }

    /** How many loads were served from memory. */
    public long fromMemory() {
        return fromMemory.sum();
    }

    /** How many loads read the store (nothing in memory, or no version to check it against). */
    public long fromStore() {
        return fromStore.sum() + stale.sum();
    }

    /** How many customers in memory were found behind the store (written by another process) and read again. */
    public long stale() {
        return stale.sum();
    }
}
