package io.cxengine.journey.query.outbound;

import io.cxengine.journey.platform.DaemonThreads;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends the deliveries due, as db-scheduler's recurring task {@code webhook-deliveries} runs it (on one query node at a
 * time). Each message is the event's envelope ({@link JourneyEventEnvelope}), made now from the store, for what the
 * subscription may see; signed as the Standard Webhooks specification says: {@code webhook-id} (the event's id, the
 * same on every attempt, opaque when pseudonymised), {@code webhook-timestamp} (seconds since the epoch) and {@code webhook-signature}
 * ({@code v1,} and the base64 of HMAC-SHA256 over {@code id.timestamp.body} with the subscription's secret). A 2xx answer
 * delivers it; anything else, or no answer within the timeout, is tried again after a growing wait, and after the last
 * attempt the delivery is dead: listed, and replayed on request. A customer's next delivery waits for the one before.
 */
@Component
class WebhookSender {

    static final String TASK = "webhook-deliveries";
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int BATCH = 64;
    /** At most this many of one subscriber in a batch: a slow one cannot keep the others waiting. */
    private static final int PER_SUBSCRIPTION = 8;
    private static final int ROUNDS = 200;
    /** Deliveries kept past their time are looked for hourly, not at every poll. */
    private static final Duration FORGET_EVERY = Duration.ofHours(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final WebhookSecrets secrets;
    private final JourneyEventEnvelope envelopes;
    private final EventStore events;
    private final ObjectMapper json;
    private final WebhookSettings settings;
    private final Clock clock;
    private final WebhookMeters meters;
    private final WebhookTargets targets;
    private final HttpClient http;
    /** When this node last forgot old deliveries (the task runs on one node at a time, so one thread at a time). */
    private volatile Instant lastForgotten;
    private final ExecutorService senders = Executors.newFixedThreadPool(8, DaemonThreads.named("webhook-sender"));

    WebhookSender(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, WebhookSecrets secrets,
                  JourneyEventEnvelope envelopes, EventStore events, ObjectMapper json, WebhookSettings settings,
                  Clock clock, WebhookMeters meters, WebhookTargets targets) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.envelopes = envelopes;
        this.events = events;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.targets = targets;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT.compareTo(settings.timeout()) < 0 ? CONNECT_TIMEOUT : settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Sends what is due, a batch at a time, until nothing is (a customer's next delivery is due as soon as the one
     * before it is delivered, so a burst of one customer's events goes out in one run, not one per poll), at most
     * {@value #ROUNDS} batches a run; forgets deliveries delivered long ago, hourly.
     */
    void sendDue() {
        List<WebhookDeliveries.Delivery> due;
        Map<UUID, WebhookSubscriptions.Subscription> known = new HashMap<>();
        int rounds = 0;
        while (rounds++ < ROUNDS && !(due = deliveries.due(clock.instant(), BATCH, PER_SUBSCRIPTION)).isEmpty()) {
            for (WebhookDeliveries.Delivery delivery : due) {
                known.computeIfAbsent(delivery.subscription(), id -> subscriptions.find(id).orElse(null));
            }
            CompletableFuture.allOf(due.stream()
                    .filter(delivery -> known.get(delivery.subscription()) != null)
                    .map(delivery -> CompletableFuture.runAsync(() ->
                            send(known.get(delivery.subscription()), delivery), senders))
                    .toArray(CompletableFuture[]::new)).join();
        }
        Instant now = clock.instant();
        if (lastForgotten == null || Duration.between(lastForgotten, now).compareTo(FORGET_EVERY) >= 0) {
            deliveries.forget(now.minus(settings.keepDelivered()));
            lastForgotten = now;
        }
    }

    private void send(WebhookSubscriptions.Subscription subscription, WebhookDeliveries.Delivery delivery) {
        Integer status = null;
        String error;
        try {
            String refusal = targets.refusal(URI.create(subscription.url()));
            if (refusal != null) {
                throw new IllegalStateException("not sent: the URL " + refusal);
            }
            DomainEventMessage<?> message = stored(delivery);
            String body = body(subscription, delivery, message);
            String id = envelopes.id(UUID.fromString(message.getIdentifier()), subscription.personalData());
            long timestamp = clock.instant().getEpochSecond();
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(subscription.url()))
                            .timeout(settings.timeout())
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "journey-engine-webhooks")
                            .header("webhook-id", id)
                            .header("webhook-timestamp", String.valueOf(timestamp))
                            .header("webhook-signature", signature(subscription, id, timestamp, body))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            status = answer.statusCode();
            if (status / 100 == 2) {
                deliveries.delivered(delivery, status, clock.instant());
                meters.delivered();
                return;
            }
            error = "answered " + status;
        } catch (java.net.http.HttpTimeoutException timeout) {
            error = "no answer within the timeout";
        } catch (java.net.ConnectException refused) {
            error = "could not connect";
        } catch (javax.net.ssl.SSLException tls) {
            error = "TLS failed";
        } catch (IOException failed) {
            error = "the connection failed";
        } catch (RuntimeException failed) {
            error = failed.getMessage() != null && failed.getMessage().startsWith("not sent") ? failed.getMessage()
                    : "could not be made: " + failed.getClass().getSimpleName();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        int attempts = delivery.attempts() + 1;
        Instant retryAt = attempts >= settings.maxAttempts() ? null
                : clock.instant().plus(settings.retryAfter(attempts));
        if (retryAt == null) {
            log.warn("Webhook delivery of position {} to subscription {} is dead after {} attempts: {}",
                    delivery.position(), subscription.id(), attempts, error);
        }
        deliveries.failed(delivery, status, error.length() > 1000 ? error.substring(0, 1000) : error, retryAt);
        meters.failed(retryAt == null);
    }

    /** The message: the event's envelope, from the store as it reads now (an erased customer's fields as erased). */
    private String body(WebhookSubscriptions.Subscription subscription, WebhookDeliveries.Delivery delivery,
                        DomainEventMessage<?> message) throws JsonProcessingException {
        JourneyEventEnvelope.Stored stored = new JourneyEventEnvelope.Stored((CustomerEvent) message.getPayload(),
                CustomerId.of(delivery.customerId()), UUID.fromString(message.getIdentifier()),
                message.getTimestamp(), delivery.position(), delivery.version());
        return json.writeValueAsString(envelopes.of(stored, subscription.personalData()));
    }

    private DomainEventMessage<?> stored(WebhookDeliveries.Delivery delivery) {
        DomainEventStream stream = events.readEvents(delivery.customerId(), delivery.version());
        if (!stream.hasNext()) {
            throw new IllegalStateException("No event " + delivery.version() + " of customer " + delivery.customerId());
        }
        return stream.next();
    }

    private String signature(WebhookSubscriptions.Subscription subscription, String id, long timestamp, String body) {
        byte[] secret = secrets.open(subscription.id(), subscription.sealedSecret(), subscription.secretKeyId());
        return "v1," + sign(secret, id + "." + timestamp + "." + body);
    }

    /** HMAC-SHA256, base64: what a subscriber computes to check a message. */
    static String sign(byte[] secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No HMAC-SHA256 in this JDK", e);
        }
    }
}
