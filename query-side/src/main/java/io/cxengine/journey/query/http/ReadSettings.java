package io.cxengine.journey.query.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How reads behave ({@code journey.read.*}).
 *
 * @param minPositionWait how long a read with {@code minPosition} waits for its projection to reach that position
 * @param pageSize        the default page size of listings
 * @param maxPageSize     the largest page a client may ask for
 * @param liveHeartbeat   how often a live stream sends a comment, so that a client gone without a word is noticed
 *                        and its stream (and its place under the caps of {@code journey.rate-limits.streams}) freed
 */
@ConfigurationProperties("journey.read")
public record ReadSettings(@DefaultValue("2s") Duration minPositionWait,
                           @DefaultValue("50") int pageSize,
                           @DefaultValue("500") int maxPageSize,
                           @DefaultValue("15s") Duration liveHeartbeat) {

    /**
     * The size of the page a client asks for ({@code limit}), the default page size if it asks none; a size outside
     * 1 to the largest page is refused (400).
     */
    public int pageSize(Integer limit) {
        int size = limit == null ? pageSize : limit;
        if (size < 1 || size > maxPageSize) {
            throw new InvalidReadRequest("limit", "must be from 1 to " + maxPageSize);
        }
        return size;
    }
}
