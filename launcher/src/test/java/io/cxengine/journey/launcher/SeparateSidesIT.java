package io.cxengine.journey.launcher;

import io.cxengine.journey.command.CommandSideApplication;
import io.cxengine.journey.query.QuerySideApplication;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployment of docker-compose.yml: the command side and the query side as two processes that share nothing but
 * the PostgreSQL, so a customer written through one is read through the other.
 */
class SeparateSidesIT {

    @Test
    @DisplayName("a customer registered on the command side is read from the query side")
    void sidesMeetOnlyInTheEventStore() {
        try (ConfigurableApplicationContext commandSide = start(CommandSideApplication.class);
             ConfigurableApplicationContext querySide = start(QuerySideApplication.class)) {
            Api writes = new Api(port(commandSide));
            Api reads = new Api(port(querySide));
            UUID customer = UUID.randomUUID();

            Api.Response registered = writes.post("/customers", """
                    {"customerId": "%s", "name": "Hedy Lamarr", "identifiedVia": "WEB_REGISTRATION"}"""
                    .formatted(customer));

            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(reads.get("/customers/" + customer + "/profile").status()).isEqualTo(200));
            assertThat(writes.get("/customers/" + customer + "/profile").status())
                    .as("the command side serves no reads").isEqualTo(404);
            assertThat(reads.post("/customers", "{}").status())
                    .as("the query side records nothing").isIn(404, 405);
            assertThat(commandSide.getBeanNamesForType(org.axonframework.eventhandling.EventProcessor.class)).isEmpty();
        }
    }

    private static ConfigurableApplicationContext start(Class<?> side) {
        return new SpringApplicationBuilder(side).run("--server.port=0");
    }

    private static int port(ConfigurableApplicationContext side) {
        return ((WebServerApplicationContext) side).getWebServer().getPort();
    }
}
