package io.cxengine.journey.query.outbound;

import io.cxengine.journey.query.http.InvalidReadRequest;
import org.springframework.stereotype.Component;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where webhooks may go: a host that resolves only to public addresses. Loopback, private (RFC 1918 and IPv6 unique
 * local), link-local, wildcard and multicast addresses are refused, when the subscription is made and again before
 * every attempt (a name may resolve elsewhere later), so that a subscription cannot make the engine call the services
 * beside it (the other nodes, the database's neighbours, a cloud's metadata address). With
 * {@code journey.events-out.webhooks.allow-insecure-urls} (tests, a subscriber on the same host) every address is
 * allowed.
 */
@Component
class WebhookTargets {

    private final WebhookSettings settings;

    WebhookTargets(WebhookSettings settings) {
        this.settings = settings;
    }

    /** When subscribing: a problem naming the URL. */
    void refuseNonPublic(URI target) {
        String refusal = refusal(target);
        if (refusal != null) {
            throw new InvalidReadRequest("url", refusal);
        }
    }

    /** Why the engine will not call this URL now, or null if it will. */
    String refusal(URI target) {
        if (settings.allowInsecureUrls()) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(target.getHost());
        } catch (UnknownHostException unknown) {
            return "names a host that does not resolve: " + target.getHost();
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return "names a host that resolves to an address that is not public: " + target.getHost();
            }
        }
        return null;
    }

    static boolean isPublic(InetAddress address) {
        boolean uniqueLocal = address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
        return !(address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal);
    }
}
