package io.cxengine.journey.query.web;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Streams a view as Server-Sent Events: the current state first, then every change, from an Axon subscription query
 * that the view's projection feeds as it handles events.
 */
@Component
public class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final QueryGateway queries;

    LiveUpdates(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * Subscribes to a query: sends what {@code firstEvents} makes of its initial answer, then every update, as events
     * of the given name, until the client leaves or the stream times out.
     */
    public <Q, I, U> SseEmitter stream(Q query, ResponseType<I> initial, ResponseType<U> update,
                                       Function<I, List<?>> firstEvents, String event) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        // A comment first, so the client has the answer's status and headers at once, even before any view exists.
        try {
            emitter.send(SseEmitter.event().comment("stream open"));
        } catch (IOException gone) {
            emitter.complete();
        }
        SubscriptionQueryResult<I, U> result = queries.subscriptionQuery(query, initial, update);
        Runnable cancel = result::cancel;
        emitter.onCompletion(cancel);
        emitter.onTimeout(cancel);
        emitter.onError(error -> cancel.run());
        result.initialResult().subscribe(answer -> firstEvents.apply(answer).forEach(view -> send(emitter, event, view, cancel)),
                emitter::completeWithError);
        result.updates().subscribe(view -> send(emitter, event, view, cancel), emitter::completeWithError, emitter::complete);
        return emitter;
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
