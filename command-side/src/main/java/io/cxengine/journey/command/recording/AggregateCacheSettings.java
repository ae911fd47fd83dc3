package io.cxengine.journey.command.recording;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many customers this process keeps in memory between their commands ({@code journey.aggregate-cache.capacity}):
 * the most recently used; {@code 0} keeps none, so every command loads its customer from the store.
 *
 * @param capacity at most this many customers
 */
@ConfigurationProperties("journey.aggregate-cache")
record AggregateCacheSettings(@DefaultValue("2000") int capacity) {

    AggregateCacheSettings {
        if (capacity < 0) {
            throw new IllegalArgumentException("journey.aggregate-cache.capacity must be 0 or more, not " + capacity);
        }
    }
}
