package io.cxengine.journey.launcher;

import io.cxengine.journey.command.recording.CustomerLocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers of one customer take turns across engine processes: a write waits while another process holds the customer
 * (here, a connection of the test holding the customer's advisory lock as another engine's command would), records
 * when it is free, and gives up with nothing recorded once it has waited the write timeout. Found by the fault harness:
 * two engines writing one customer lost a third of the writes to each other, and every lost write left a gap that
 * filled the heap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "journey.event-store.write-timeout=2s")
// Its settings make a Spring context of its own on the shared database: closed after the class, so that its
// projections do not go on holding segments that another test's rebuild must hand a position.
@DirtiesContext
class CustomerLockIT extends EngineIntegration {

    private static final String BODY = """
            {"channel": "PHONE", "direction": "INBOUND", "purpose": "one at a time", "valence": "NEUTRAL"}""";

    @Autowired
    DataSource dataSource;
    String customer;

    @BeforeEach
    void newCustomer() {
        customer = api.registerCustomer("Edsger Dijkstra");
    }

    @Test
    @DisplayName("a write waits while another process holds the customer, and records once it is free")
    void writeWaitsForTheOtherWriter() throws Exception {
        try (Connection otherEngine = dataSource.getConnection()) {
            hold(otherEngine);
            CompletableFuture<Api.Response> write = CompletableFuture.supplyAsync(() ->
                    api.post(touchpoints(), BODY, "Idempotency-Key", "turns-" + UUID.randomUUID()));
            Thread.sleep(700);
            assertThat(write).as("the write waits for the customer").isNotDone();
            assertThat(events()).isEqualTo(1);

            otherEngine.commit();

            Api.Response answer = write.get(10, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            assertThat(answer.header("ETag")).isEqualTo("\"1\"");
        }
        assertThat(events()).isEqualTo(2);
    }

    @Test
    @DisplayName("a customer held past the write timeout: 503 write-timed-out, nothing recorded, the retry records once")
    void customerHeldPastTheWriteTimeout() throws Exception {
        String key = "held-" + UUID.randomUUID();
        try (Connection otherEngine = dataSource.getConnection()) {
            hold(otherEngine);
            Api.Response refused = api.post(touchpoints(), BODY, "Idempotency-Key", key);

            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.json().path("type").asText()).endsWith("/write-timed-out");
            assertThat(events()).isEqualTo(1);
            otherEngine.commit();
        }
        Api.Response retried = api.post(touchpoints(), BODY, "Idempotency-Key", key);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(events()).isEqualTo(2);
    }

    private void hold(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, CustomerLocks.LOCK_CLASS);
            lock.setInt(2, CustomerLocks.key(customer));
            lock.execute();
        }
    }

    private long events() {
        return StoredEvents.count(jdbc, customer);
    }

    private String touchpoints() {
        return "/customers/" + customer + "/touchpoints";
    }
}
