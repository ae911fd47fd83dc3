package io.cxengine.journey.launcher;

import io.cxengine.journey.command.recording.CustomerLocks;
import io.cxengine.journey.command.recording.GroupCommit;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit: commands that arrive together are recorded together, in one transaction, each in a savepoint of its
 * own; one command that fails in the store leaves the others of its group recorded and answered. One committer here,
 * which waits a second and a half for a group to fill, so that the commands sent at once are one group.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"journey.group-commit.enabled=true", "journey.group-commit.committers=1",
                "journey.group-commit.linger=1500ms"})
@DirtiesContext
class GroupCommitIT extends EngineIntegration {

    @Autowired
    EmbeddedPostgresServer postgres;
    @Autowired
    GroupCommit groupCommit;
    @Autowired
    DataSource dataSource;

    @Test
    @DisplayName("one command of a group refused by the store's constraint: the others recorded, answered, in one group")
    void oneFailingCommandLeavesTheOthers() {
        Api api = new Api(port);
        String failing = api.registerCustomer("Failing Customer");
        List<String> others = at(IntStream.range(0, 8).mapToObj(i -> (Supplier<String>) () -> api.registerCustomer(
                "Customer " + i)).toList());
        JdbcClient owner = SchemaOwner.sql(postgres);
        // The store refuses every further event of one customer by a constraint, as it would a duplicate.
        owner.sql("ALTER TABLE domain_event_entry ADD CONSTRAINT group_commit_refused CHECK (aggregate_identifier <> '%s') NOT VALID"
                .formatted(failing)).update();
        try {
            GroupCommit.Statistics before = groupCommit.statistics();
            List<String> group = new ArrayList<>(others);
            group.add(4, failing);
            List<Api.Response> answers = at(group.stream()
                    .map(customer -> (Supplier<Api.Response>) () -> touchpoint(api, customer)).toList());

            for (int i = 0; i < group.size(); i++) {
                Api.Response answer = answers.get(i);
                String customer = group.get(i);
                if (customer.equals(failing)) {
                    assertThat(answer.status()).as(answer.toString()).isGreaterThanOrEqualTo(400);
                    assertThat(StoredEvents.count(jdbc, customer)).as("nothing of the failing command").isEqualTo(1);
                } else {
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                    assertThat(StoredEvents.count(jdbc, customer)).as("customer %s's touchpoint recorded", customer).isEqualTo(2);
                    long position = answer.json().get("position").asLong();
                    assertThat(jdbc.sql("""
                                    SELECT global_index FROM domain_event_entry
                                     WHERE aggregate_identifier = :c AND sequence_number = 1""")
                            .param("c", customer).query(Long.class).single())
                            .as("the answer names the position the store gave its event").isEqualTo(position);
                }
            }
            GroupCommit.Statistics after = groupCommit.statistics();
            assertThat(after.largest()).as("the nine commands sent at once were one group").isGreaterThanOrEqualTo(9);
            assertThat(after.groups()).isGreaterThan(before.groups());
        } finally {
            owner.sql("ALTER TABLE domain_event_entry DROP CONSTRAINT group_commit_refused").update();
        }
        for (String customer : others) {
            assertThat(api.get("/customers/" + customer + "/history/verify").json().get("verified").asBoolean())
                    .as("the hash chain of %s", customer).isTrue();
        }
    }

    @Test
    @DisplayName("a customer another process holds leaves the group and waits alone; the group does not wait for it")
    void aHeldCustomerDoesNotHoldTheGroup() throws Exception {
        Api api = new Api(port);
        String held = api.registerCustomer("Held Customer");
        List<String> others = at(IntStream.range(0, 4).mapToObj(i -> (Supplier<String>) () -> api.registerCustomer(
                "Customer " + i)).toList());
        GroupCommit.Statistics before = groupCommit.statistics();
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try (Connection other = dataSource.getConnection(); Statement writer = other.createStatement()) {
            writer.execute("SELECT pg_advisory_lock(%d, %d)".formatted(CustomerLocks.LOCK_CLASS, CustomerLocks.key(held)));
            CompletableFuture<Api.Response> waiting = CompletableFuture.supplyAsync(() -> touchpoint(api, held), threads);
            List<CompletableFuture<Api.Response>> rest = others.stream()
                    .map(customer -> CompletableFuture.supplyAsync(() -> touchpoint(api, customer), threads)).toList();
            for (CompletableFuture<Api.Response> answer : rest) {
                assertThat(answer.get(10, TimeUnit.SECONDS).status()).as("answered while the held customer waits")
                        .isEqualTo(201);
            }
            assertThat(waiting).as("the held customer's command waits for its customer").isNotDone();
            writer.execute("SELECT pg_advisory_unlock(%d, %d)".formatted(CustomerLocks.LOCK_CLASS, CustomerLocks.key(held)));
            assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        } finally {
            threads.shutdown();
        }
        GroupCommit.Statistics after = groupCommit.statistics();
        assertThat(after.handedBack()).as("handed back to be recorded alone").isGreaterThan(before.handedBack());
        assertThat(StoredEvents.count(jdbc, held)).isEqualTo(2);
    }

    /** Sends the requests at once, each on a thread of its own. */
    private static <T> List<T> at(List<Supplier<T>> requests) {
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        try {
            List<CompletableFuture<T>> sent = requests.stream()
                    .map(request -> CompletableFuture.supplyAsync(request, threads)).toList();
            return sent.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdown();
        }
    }

    private static Api.Response touchpoint(Api api, String customer) {
        return api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "CHAT", "direction": "INBOUND", "purpose": "in a group", "valence": "NEUTRAL"}""",
                "Idempotency-Key", UUID.randomUUID().toString());
    }
}
