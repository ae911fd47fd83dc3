package io.cxengine.journey.query.outbound;

import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.platform.projection.AtLeastOnceDelivery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Owes every webhook subscriber each event it subscribed to, from a processing group of its own: a row per delivery
 * ({@link WebhookDeliveries#owe}), written in the transaction that moves the group's token past the event, so that an
 * event is owed exactly once to each subscriber, whatever fails; {@link WebhookSender} then sends them. A subscription
 * is owed the events after the newest position in the store when it was made (positions, not clocks: the nodes'
 * clocks may differ, and the subscriptions are read once per batch, whose events all lie at or before that position).
 */
@Component
@ProcessingGroup(WebhookEventsOut.PROCESSING_GROUP)
@AtLeastOnceDelivery
class WebhookEventsOut {

    static final String PROCESSING_GROUP = "events-out-webhooks";
    private static final String SUBSCRIPTIONS = WebhookEventsOut.class.getName() + ".subscriptions";

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;

    WebhookEventsOut(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    /**
     * Owes the event by its type and position alone: its payload is never read, so that every event of the store is not
     * deserialized and its personal data opened for the sake of its name (the sender reads what it sends).
     */
    @EventHandler(payloadType = CustomerEvent.class)
    void on(DomainEventMessage<?> message, TrackingToken token) {
        String type = message.getPayloadType().getSimpleName();
        long position = token.position().orElseThrow(() -> new IllegalStateException("A token without a position"));
        for (WebhookSubscriptions.Subscription subscription : live()) {
            if (subscription.wants(type) && position > subscription.fromPosition()) {
                deliveries.owe(subscription.id(), position, message.getAggregateIdentifier(),
                        message.getSequenceNumber(), type, message.getTimestamp());
            }
        }
    }

    /** The subscriptions in force, read once per batch. */
    private List<WebhookSubscriptions.Subscription> live() {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(SUBSCRIPTIONS, key -> subscriptions.live())
                : subscriptions.live();
    }
}
