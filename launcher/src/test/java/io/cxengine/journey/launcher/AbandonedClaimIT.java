package io.cxengine.journey.launcher;

import io.cxengine.journey.command.recording.ClaimHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code Idempotency-Key} claimed by an engine process that then died (its {@code kill -9}, found by the fault
 * harness), or by a request of this process that ended while the database was gone (found by the same harness), is
 * taken over by the next request at once, not after the two-minute in-flight timeout; a claim of a process that is
 * alive, for a request that still runs, stays in flight.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AbandonedClaimIT {

    /** ClaimHolder.LOCK_CLASS: the first key of every engine process's advisory lock. */
    private static final int LOCK_CLASS = 0x4A45;
    private static final String BODY = """
            {"channel": "CHAT", "direction": "INBOUND", "purpose": "after a crash", "valence": "NEUTRAL"}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ClaimHolder holder;
    Api api;
    String customer;

    @BeforeEach
    void newCustomer() {
        api = new Api(port);
        customer = api.registerCustomer("Barbara Liskov");
    }

    @Test
    @DisplayName("a key claimed a moment ago by a process that has died is taken over at once and recorded once")
    void claimOfADeadProcessIsTakenOver() {
        String key = "abandoned-" + UUID.randomUUID();
        claimAsIf(key, 1_234_567);

        Api.Response retried = api.post(touchpoints(), BODY, "Idempotency-Key", key);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :c")
                .param("c", customer).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    @DisplayName("a key this process claimed for a request that ended without releasing it (the database was gone) is taken over at once")
    void claimLeftByAnEndedRequestOfThisProcessIsTakenOver() {
        String key = "unreleased-" + UUID.randomUUID();
        claimAsIf(key, holder.id());

        Api.Response retried = api.post(touchpoints(), BODY, "Idempotency-Key", key);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(api.post(touchpoints(), BODY, "Idempotency-Key", key).header("Idempotent-Replayed"))
                .isEqualTo("true");
    }

    @Test
    @DisplayName("a key claimed by a process that is alive stays in flight until that process lets go")
    void claimOfALiveProcessStaysInFlight() throws Exception {
        String key = "held-" + UUID.randomUUID();
        int holder = 7_654_321;
        claimAsIf(key, holder);
        try (Connection alive = dataSource.getConnection(); Statement lock = alive.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(%d, %d)".formatted(LOCK_CLASS, holder));

            Api.Response whileAlive = api.post(touchpoints(), BODY, "Idempotency-Key", key);
            assertThat(whileAlive.status()).as(whileAlive.toString()).isEqualTo(409);
            assertThat(whileAlive.json().get("type").asText()).endsWith("idempotency-key-in-flight");
            // The session goes back to the pool rather than ending: let go of the lock as a dying session would.
            lock.execute("SELECT pg_advisory_unlock(%d, %d)".formatted(LOCK_CLASS, holder));
        }

        Api.Response afterItDied = api.post(touchpoints(), BODY, "Idempotency-Key", key);
        assertThat(afterItDied.status()).as(afterItDied.toString()).isEqualTo(201);
    }

    /** The row a process leaves behind that claimed the key for this very request and died before recording it. */
    private void claimAsIf(String key, int holder) {
        jdbc.sql("""
                        INSERT INTO idempotency_record
                               (client_id, idempotency_key, request_hash, state, claim_id, claimed_at, claimed_by)
                        VALUES ('test-client', :key, :hash, 'IN_FLIGHT', :claim, :now, :holder)""")
                .param("key", key).param("hash", fingerprint("POST", touchpoints(), BODY))
                .param("claim", UUID.randomUUID().toString()).param("now", OffsetDateTime.now())
                .param("holder", holder)
                .update();
    }

    private String touchpoints() {
        return "/customers/" + customer + "/touchpoints";
    }

    private static String fingerprint(String method, String path, String body) throws IllegalStateException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
