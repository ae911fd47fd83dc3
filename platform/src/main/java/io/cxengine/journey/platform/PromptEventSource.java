package io.cxengine.journey.platform;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The event store as the projections' processors read it, waking them as soon as this process has recorded events.
 * <p>
 * Axon's pooled streaming processor, with nothing to read, looks again after half a second unless its stream can call
 * it back when events arrive, and the embedded event store's streams cannot: a projection saw a new event a quarter of
 * a second late on average (the benchmark's freshness p50 was 275 ms at 82 commands/s). Here each stream can: when
 * this process publishes events, every open stream calls its processor back, and the processor's next look waits up
 * to {@link #CATCH_UP} for the store's reader to bring them. Events recorded by another engine process are seen by the
 * store's own polling; a call back every {@link #POLL} keeps the processors looking at least that often.
 */
final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** How long a look right after a publication waits for the store's reader to bring the events. */
    static final Duration CATCH_UP = Duration.ofMillis(50);
    /** How often every processor looks, whether or not this process published anything. */
    static final Duration POLL = Duration.ofMillis(250);

    private final EventStore store;
    private final Set<PromptStream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poll;

    PromptEventSource(EventStore store) {
        this.store = store;
        store.subscribe(events -> open.forEach(stream -> stream.wake(true)));
        poll = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-source-poll");
            thread.setDaemon(true);
            return thread;
        });
        poll.scheduleWithFixedDelay(() -> open.forEach(stream -> stream.wake(false)),
                POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops calling the processors back (the engine shuts down). */
    void stop() {
        poll.shutdownNow();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        PromptStream stream = new PromptStream(store.openStream(token));
        open.add(stream);
        return stream;
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant at) {
        return store.createTokenAt(at);
    }

    @Override
    public TrackingToken createTokenSince(Duration since) {
        return store.createTokenSince(since);
    }

    /** One processor's stream: the store's, with a call back. Read only by its processor's coordinator thread. */
    final class PromptStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final AtomicBoolean published = new AtomicBoolean();
        private volatile Runnable callback;

        PromptStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        /** Calls the processor back; {@code published}: this process has just published events. */
        void wake(boolean published) {
            if (published) {
                this.published.set(true);
            }
            Runnable processor = callback;
            if (processor != null) {
                processor.run();
            }
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            return true;
        }

        @Override
        public boolean hasNextAvailable() {
            if (delegate.hasNextAvailable()) {
                return true;
            }
            if (!published.getAndSet(false)) {
                return false;
            }
            try {
                return delegate.hasNextAvailable((int) CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            open.remove(this);
            callback = null;
            delegate.close();
        }
    }
}
