package io.cxengine.journey.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where the embedded PostgreSQL keeps its data and which port it listens on.
 *
 * @param dataDirectory the data directory; it survives restarts, so the engine keeps its history between runs
 * @param port          the port to listen on on localhost, or 0 to take any free port
 * @param ephemeral     start from an empty, temporary data directory that is deleted on shutdown (tests)
 */
@ConfigurationProperties("journey.embedded-postgres")
public record EmbeddedPostgresSettings(@DefaultValue("data/postgres") Path dataDirectory,
                                       @DefaultValue("0") int port,
                                       @DefaultValue("false") boolean ephemeral) {
}
