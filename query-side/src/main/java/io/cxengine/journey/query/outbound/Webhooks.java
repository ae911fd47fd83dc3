package io.cxengine.journey.query.outbound;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.platform.security.Caller;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.query.http.InsufficientScope;
import io.cxengine.journey.query.http.InvalidReadRequest;
import io.cxengine.journey.query.http.UnknownWebhook;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The rules of webhook subscriptions: an absolute {@code https:} URL (or {@code http:} where allowed) of at most 2,000
 * characters, without credentials; event types by their names in the event catalogue (none: every type); personal
 * data included only for a caller whose token may read it ({@code journey.agent} or {@code journey.audit}), else
 * pseudonymised, which needs a token that may read journeys at all ({@code journey.analyze}, or the two before), as
 * {@code journey.admin} alone sees no customer data; a URL whose host resolves to no public address refused
 * ({@link WebhookTargets}). The secret is made here and shown once.
 */
@Component
class Webhooks {

    static final Set<String> EVENT_TYPES = Arrays.stream(CustomerEvent.class.getPermittedSubclasses())
            .map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));

    /** A subscription as its subscriber sees it; the secret only in the answer that made it. */
    record View(UUID subscriptionId, String url, List<String> eventTypes, String personalData, Instant createdAt,
                long waiting, @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
    }

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final WebhookSecrets secrets;
    private final WebhookSettings settings;
    private final WebhookTargets targets;
    private final Clock clock;

    Webhooks(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, WebhookSecrets secrets,
             WebhookSettings settings, WebhookTargets targets, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.settings = settings;
        this.targets = targets;
        this.clock = clock;
    }

    View subscribe(Caller caller, String url, List<String> eventTypes, String personalData) {
        URI target = url(url);
        List<String> types = eventTypes == null ? List.of() : eventTypes.stream().distinct().sorted().toList();
        for (String type : types) {
            if (!EVENT_TYPES.contains(type)) {
                throw new InvalidReadRequest("eventTypes", "names no event of the catalogue: " + type
                        + " (one of " + String.join(", ", EVENT_TYPES) + ")");
            }
        }
        PersonalDataOut personal = personalData(personalData);
        if (personal == PersonalDataOut.INCLUDED && !caller.holdsAny(Scope.AGENT, Scope.AUDIT)) {
            throw new InsufficientScope("Personal data goes only to a subscription made with a token that may read it "
                    + "(journey.agent or journey.audit); subscribe pseudonymised");
        }
        if (personal == PersonalDataOut.PSEUDONYMISED && !caller.holdsAny(Scope.ANALYZE, Scope.AGENT, Scope.AUDIT)) {
            throw new InsufficientScope("Journey events, even pseudonymised, go only to a subscription made with a token that may "
                    + "read customers' journeys (journey.analyze, or journey.agent or journey.audit)");
        }
        targets.refuseNonPublic(target);
        UUID id = UUID.randomUUID();
        byte[] secret = secrets.newSecret();
        WebhookSubscriptions.Subscription subscription = new WebhookSubscriptions.Subscription(id, caller.client(),
                target.toString(), types, personal, secrets.seal(id, secret), secrets.keyId(), clock.instant(),
                subscriptions.head());
        subscriptions.add(subscription);
        return view(subscription, WebhookSecrets.shown(secret));
    }

    List<View> all() {
        return subscriptions.live().stream().map(subscription -> view(subscription, null)).toList();
    }

    View one(UUID id) {
        return view(find(id), null);
    }

    void end(UUID id) {
        if (!subscriptions.end(id, clock.instant())) {
            throw new UnknownWebhook(id);
        }
    }

    List<WebhookDeliveries.DeadLetter> deadLetters(UUID id, int limit) {
        return deliveries.dead(find(id).id(), limit);
    }

    int replay(UUID id) {
        return deliveries.replay(find(id).id(), clock.instant());
    }

    private WebhookSubscriptions.Subscription find(UUID id) {
        return subscriptions.find(id).orElseThrow(() -> new UnknownWebhook(id));
    }

    private View view(WebhookSubscriptions.Subscription subscription, String secret) {
        return new View(subscription.id(), subscription.url(), subscription.eventTypes(),
                subscription.personalData().name().toLowerCase(), subscription.createdAt(),
                deliveries.waiting(subscription.id()), secret);
    }

    private URI url(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw new InvalidReadRequest("url", "must be an absolute URL of at most 2000 characters");
        }
        URI target;
        try {
            target = new URI(url);
        } catch (java.net.URISyntaxException malformed) {
            throw new InvalidReadRequest("url", "is not a URL: " + malformed.getReason());
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase();
        if (target.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && settings.allowInsecureUrls())) {
            throw new InvalidReadRequest("url", settings.allowInsecureUrls() ? "must be an absolute http: or https: URL"
                    : "must be an absolute https: URL");
        }
        if (target.getUserInfo() != null) {
            throw new InvalidReadRequest("url", "must not hold credentials: the messages are signed instead");
        }
        return target;
    }

    private static PersonalDataOut personalData(String value) {
        if (value == null) {
            return PersonalDataOut.PSEUDONYMISED;
        }
        return switch (value) {
            case "pseudonymised" -> PersonalDataOut.PSEUDONYMISED;
            case "included" -> PersonalDataOut.INCLUDED;
            default -> throw new InvalidReadRequest("personalData", "must be pseudonymised or included");
        };
    }
}
