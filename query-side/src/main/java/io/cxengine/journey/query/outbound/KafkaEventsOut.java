package io.cxengine.journey.query.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.platform.projection.AtLeastOnceDelivery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every journey event to the Kafka topic, keyed by customer, from a processing group of its own. A batch of
 * events is sent as a whole and its token advances only once the brokers acknowledged every message of it (all
 * in-sync replicas, by an idempotent producer, so retries neither reorder nor repeat within a partition); a batch that
 * fails is sent again from its first event. So every event reaches the topic at least once, and a customer's events
 * in the order of the store: a consumer drops a message whose {@code position} is not above the last it took for that
 * key.
 */
@ProcessingGroup(KafkaEventsOut.PROCESSING_GROUP)
@AtLeastOnceDelivery
class KafkaEventsOut {

    static final String PROCESSING_GROUP = "events-out-kafka";
    private static final String SENDING = KafkaEventsOut.class.getName() + ".sending";

    private final KafkaTemplate<String, String> kafka;
    private final JourneyEventEnvelope envelopes;
    private final ObjectMapper json;
    private final KafkaSettings settings;

    KafkaEventsOut(KafkaTemplate<String, String> kafka, JourneyEventEnvelope envelopes, ObjectMapper json,
                   KafkaSettings settings) {
        this.kafka = kafka;
        this.envelopes = envelopes;
        this.json = json;
        this.settings = settings;
    }

    @EventHandler
    void on(CustomerEvent event, DomainEventMessage<?> message, TrackingToken token) throws JsonProcessingException {
        CustomerId customer = CustomerId.of(message.getAggregateIdentifier());
        JourneyEventEnvelope.Stored stored = new JourneyEventEnvelope.Stored(event, customer,
                UUID.fromString(message.getIdentifier()), message.getTimestamp(),
                token.position().orElseThrow(() -> new IllegalStateException("A token without a position: " + token)),
                message.getSequenceNumber());
        ObjectNode envelope = envelopes.of(stored, settings.personalData());
        // Keyed by the envelope's subject: the customer as this topic names it.
        sending().add(kafka.send(settings.topic(), envelope.get("subject").asText(), json.writeValueAsString(envelope)));
    }

    /** The sends of the batch, awaited before its token is stored. */
    private List<CompletableFuture<SendResult<String, String>>> sending() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(SENDING, key -> {
            List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> acknowledged(sends));
            return sends;
        });
    }

    private void acknowledged(List<CompletableFuture<SendResult<String, String>>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EventsNotDelivered(settings.topic(), interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new EventsNotDelivered(settings.topic(), failed);
        }
    }

    static final class EventsNotDelivered extends RuntimeException {
        EventsNotDelivered(String topic, Exception cause) {
            super("Journey events not acknowledged by Kafka topic " + topic + "; the batch will be sent again", cause);
        }
    }
}
