package io.cxengine.journey.query.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Webhooks ({@code journey.events-out.webhooks.*}, {@code docs/events-out.md}).
 *
 * @param maxAttempts       attempts of one delivery before it is dead (listed, and replayed on request)
 * @param firstRetry        the wait after the first failed attempt; each next wait is four times the last, at most
 *                          {@code maxRetry}
 * @param maxRetry          the longest wait between two attempts
 * @param timeout           how long a subscriber may take to answer
 * @param pollInterval      how often deliveries due are looked for
 * @param keepDelivered     how long a delivered delivery is kept before it is forgotten
 * @param allowInsecureUrls whether a subscription may name an {@code http:} URL (tests, a subscriber on the same host);
 *                          else only {@code https:}
 */
@ConfigurationProperties("journey.events-out.webhooks")
public record WebhookSettings(@DefaultValue("8") int maxAttempts,
                              @DefaultValue("5s") Duration firstRetry,
                              @DefaultValue("10h") Duration maxRetry,
                              @DefaultValue("10s") Duration timeout,
                              @DefaultValue("1s") Duration pollInterval,
                              @DefaultValue("7d") Duration keepDelivered,
                              @DefaultValue("false") boolean allowInsecureUrls) {

    /** The wait after the {@code attempts}-th failed attempt. */
    Duration retryAfter(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(4);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
