package io.cxengine.journey.query.http;

import io.cxengine.journey.platform.DaemonThreads;
import io.cxengine.journey.platform.ratelimit.LiveStreams;
import jakarta.annotation.PreDestroy;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Streams a view as Server-Sent Events: the current state first, then every change, from an Axon subscription query
 * that the view's projection feeds as it handles events. Each stream holds one of its client's permits (see
 * {@link LiveStreams}) until it ends, and a comment every {@code journey.read.live-heartbeat} finds out soon when a client has gone
 * without a word, so that its permit and subscription are given back.
 */
@Component
public class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final QueryGateway queries;
    private final LiveStreams streams;
    private final Duration heartbeat;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("live-stream-heartbeat"));

    LiveUpdates(QueryGateway queries, LiveStreams streams, ReadSettings settings) {
        this.queries = queries;
        this.streams = streams;
        this.heartbeat = settings.liveHeartbeat();
    }

    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
    }

    /**
     * Ends every live stream as the engine begins to shut down, before the web server's graceful shutdown waits for
     * the requests in progress: a stream never ends by itself, so the server would otherwise wait for them the whole
     * grace period (30 s), longer than a supervisor or a test runner waits before it kills the process, leaving the
     * embedded PostgreSQL behind. Clients reconnect, as after any lost connection.
     */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        open.forEach(SseEmitter::complete);
        open.clear();
    }

    /**
     * Subscribes to a query: sends what {@code firstEvents} makes of its initial answer, then every update, as events
     * of the given name, until the client leaves or the stream times out.
     */
    public <Q, I, U> SseEmitter stream(Q query, ResponseType<I> initial, ResponseType<U> update,
                                       Function<I, List<?>> firstEvents, String event) {
        LiveStreams.Permit permit = streams.open(); // Over a cap: 429 before anything is subscribed.
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        // A comment first, so the client has the answer's status and headers at once, even before any view exists.
        try {
            emitter.send(SseEmitter.event().comment("stream open"));
        } catch (IOException gone) {
            emitter.complete();
        }
        SubscriptionQueryResult<I, U> result = queries.subscriptionQuery(query, initial, update);
        ScheduledFuture<?> beating = heartbeats.scheduleAtFixedRate(() -> beat(emitter),
                heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        open.add(emitter);
        Runnable cancel = () -> {
            open.remove(emitter);
            beating.cancel(false);
            result.cancel();
            permit.close();
        };
        emitter.onCompletion(cancel);
        emitter.onTimeout(cancel);
        emitter.onError(error -> cancel.run());
        result.initialResult().subscribe(answer -> firstEvents.apply(answer).forEach(view -> send(emitter, event, view, cancel)),
                emitter::completeWithError);
        result.updates().subscribe(view -> send(emitter, event, view, cancel), emitter::completeWithError, emitter::complete);
        return emitter;
    }

    /** A comment nobody reads: writing it fails once the client has gone, which ends the stream. */
    private static void beat(SseEmitter emitter) {
        try {
            emitter.send(SseEmitter.event().comment("heartbeat"));
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        }
    }

    private static void send(SseEmitter emitter, String event, Object view, Runnable cancel) {
        try {
            emitter.send(SseEmitter.event().name(event).data(view));
        } catch (IOException | IllegalStateException gone) {
            log.debug("A live subscriber left", gone);
            emitter.complete();
            // Also for a stream that never started (its access-log entry could not be written): no callback runs then.
            cancel.run();
        }
    }
}
