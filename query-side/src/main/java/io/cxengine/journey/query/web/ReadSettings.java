package io.cxengine.journey.query.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How reads behave ({@code journey.read.*}).
 *
 * @param minPositionWait how long a read with {@code minPosition} waits for its projection to reach that position
 * @param pageSize        the default page size of listings
 * @param maxPageSize     the largest page a client may ask for
 */
@ConfigurationProperties("journey.read")
public record ReadSettings(@DefaultValue("2s") Duration minPositionWait,
                           @DefaultValue("50") int pageSize,
                           @DefaultValue("500") int maxPageSize) {
}
