package io.cxengine.journey.query.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * A streaming replica of the database for the views' reads ({@code journey.read.replica.*}); none unless {@code url}
 * is set.
 *
 * @param url      the replica's JDBC URL, e.g. {@code jdbc:postgresql://replica:5432/journey}
 * @param username the login on the replica; the primary's when not set
 * @param password its password; the primary's when not set
 * @param maxWait  how long a read with {@code minPosition} waits for the replica to have that position before it is
 *                 read from the primary instead
 * @param poolSize the most connections open to the replica
 */
@ConfigurationProperties("journey.read.replica")
public record ReplicaSettings(String url, String username, String password,
                              @DefaultValue("300ms") Duration maxWait,
                              @DefaultValue("8") int poolSize) {

    boolean configured() {
        return url != null && !url.isBlank();
    }
}
