package io.cxengine.journey.query.outbound;

import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Caller;
import io.cxengine.journey.platform.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Webhook subscriptions: journey events, signed, to another system's URL ({@code docs/events-out.md}). */
@Allowed(Scope.ADMIN)
@RestController
@RequestMapping(path = "/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Events out", description = "Webhook subscriptions, their dead letters and replays")
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** What a subscriber asks for: where, which event types (none: all), and whether personal data is included. */
    record Subscribe(String url, List<String> eventTypes, String personalData) {
    }

    @Operation(summary = "Subscribe a URL to journey events", description = """
            Every event of the named types (their names in the event catalogue; none: every type) recorded from now \
            on is POSTed to the URL as a CloudEvents envelope, signed with the Standard Webhooks headers \
            (webhook-id, webhook-timestamp, webhook-signature), at least once and, per customer, in the order of the \
            store. personalData: pseudonymised (default) or included, which needs journey.agent or journey.audit as \
            well. The answer holds the signing secret (whsec_…), shown this once.""")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Webhooks.View> subscribe(@RequestBody Subscribe request) {
        Webhooks.View made = webhooks.subscribe(Caller.current().orElseThrow(), request.url(), request.eventTypes(),
                request.personalData());
        return ResponseEntity.created(URI.create("/webhooks/" + made.subscriptionId())).body(made);
    }

    @Operation(summary = "The subscriptions in force, without their secrets")
    @GetMapping
    List<Webhooks.View> all() {
        return webhooks.all();
    }

    @Operation(summary = "A subscription, with the deliveries it is owed")
    @GetMapping("/{subscriptionId}")
    Webhooks.View one(@PathVariable UUID subscriptionId) {
        return webhooks.one(subscriptionId);
    }

    @Operation(summary = "End a subscription: nothing more is sent to it")
    @DeleteMapping("/{subscriptionId}")
    ResponseEntity<Void> end(@PathVariable UUID subscriptionId) {
        webhooks.end(subscriptionId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Deliveries that failed every attempt", description = """
            In order of the store; each holds back the customer's later deliveries to this subscriber until it is \
            replayed.""")
    @GetMapping("/{subscriptionId}/dead-letters")
    List<WebhookDeliveries.DeadLetter> deadLetters(@PathVariable UUID subscriptionId,
                                                   @RequestParam(defaultValue = "100") int limit) {
        return webhooks.deadLetters(subscriptionId, Math.max(1, Math.min(limit, 1000)));
    }

    @Operation(summary = "Send every dead delivery again, with its attempts counted afresh")
    @PostMapping("/{subscriptionId}/dead-letters/replay")
    Map<String, Integer> replay(@PathVariable UUID subscriptionId) {
        return Map.of("replayed", webhooks.replay(subscriptionId));
    }
}
