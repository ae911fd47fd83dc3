package io.cxengine.journey.platform.projection;

import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresSettings;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The projections' write queue, on a real PostgreSQL: fewer round trips, the same rows. */
class ProjectionWritesTest {

    static EmbeddedPostgresServer postgres;
    static SimpleDriverDataSource dataSource;
    JdbcTemplate jdbc;
    ProjectionWrites writes;
    TransactionTemplate transaction;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.start(EmbeddedPostgresSettings.ephemeralServer());
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.jdbcUrl(), "postgres", "");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void table() {
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("DROP TABLE IF EXISTS account");
        jdbc.execute("CREATE TABLE account (customer TEXT PRIMARY KEY, balance INT NOT NULL, history TEXT NOT NULL)");
        writes = new ProjectionWrites(new NamedParameterJdbcTemplate(dataSource));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** One batch: the queue opened as SavepointPerEvent opens it, flushed before commit. */
    void batch(Runnable events) {
        transaction.executeWithoutResult(status -> {
            writes.open();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    writes.flush();
                }

                @Override
                public void afterCompletion(int status) {
                    writes.close();
                }
            });
            events.run();
        });
    }

    void open(String customer) {
        writes.handling(customer);
        writes.sql("INSERT INTO account VALUES (:c, 0, '')").param("c", customer).execute();
    }

    void apply(String customer, String operation, int amount) {
        writes.handling(customer);
        writes.sql("UPDATE account SET balance = balance " + operation + " :n, history = history || :step"
                        + " WHERE customer = :c")
                .param("n", amount).param("step", operation + amount + " ").param("c", customer).execute();
    }

    @Test
    @DisplayName("each customer's statements keep their order, whatever the interleaving of customers")
    void orderPerCustomer() {
        batch(() -> {
            for (String customer : new String[]{"a", "b", "c"}) {
                open(customer);
            }
            for (int i = 1; i <= 5; i++) {
                apply("a", "*", 2);
                apply("b", "+", i);
                apply("a", "+", 1);
                apply("c", "-", i);
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM account", Long.class))
                    .as("nothing is sent before the flush").isZero();
        });
        assertThat(jdbc.queryForObject("SELECT balance FROM account WHERE customer = 'a'", Integer.class))
                .as("((((0*2+1)*2+1)*2+1)*2+1)*2+1").isEqualTo(31);
        assertThat(jdbc.queryForObject("SELECT balance FROM account WHERE customer = 'b'", Integer.class)).isEqualTo(15);
        assertThat(jdbc.queryForObject("SELECT history FROM account WHERE customer = 'c'", String.class))
                .isEqualTo("-1 -2 -3 -4 -5 ");
    }

    @Test
    @DisplayName("a later write of a customer's whole state replaces the earlier one; kept values are read once")
    void replacingAndKept() {
        AtomicInteger reads = new AtomicInteger();
        batch(() -> {
            open("a");
            for (int i = 1; i <= 3; i++) {
                int[] state = writes.kept("a", () -> {
                    reads.incrementAndGet();
                    return new int[1];
                });
                state[0] += i;
                writes.handling("a");
                writes.sql("UPDATE account SET balance = :b, history = history || 'saved ' WHERE customer = 'a'")
                        .param("b", state[0]).replacing("account:a").execute();
            }
        });
        assertThat(reads).hasValue(1);
        assertThat(jdbc.queryForMap("SELECT balance, history FROM account WHERE customer = 'a'"))
                .containsEntry("balance", 6).containsEntry("history", "saved ");
    }

    @Test
    @DisplayName("an immutable state kept anew after each event is the one the next event of the batch reads")
    void keptAnew() {
        AtomicInteger reads = new AtomicInteger();
        batch(() -> {
            open("a");
            for (int i = 1; i <= 3; i++) {
                Integer state = writes.kept("a", () -> {
                    reads.incrementAndGet();
                    return 0;
                });
                Integer next = state + i;
                writes.keep("a", next);
                writes.handling("a");
                writes.sql("UPDATE account SET balance = :b WHERE customer = 'a'")
                        .param("b", next).replacing("account:a").execute();
            }
        });
        assertThat(reads).hasValue(1);
        assertThat(jdbc.queryForObject("SELECT balance FROM account WHERE customer = 'a'", Integer.class))
                .isEqualTo(6);
    }

    /** Adds to the customer's summed balance; one statement per send, however many additions. */
    void add(String customer, int amount) {
        writes.handling(customer);
        writes.summed("sum:" + customer, () -> new int[1], sum -> sum[0] += amount,
                "UPDATE account SET balance = balance + :n, history = history || 'summed ' WHERE customer = :c",
                (sum, write) -> write.param("n", sum[0]).param("c", customer));
    }

    @Test
    @DisplayName("summed changes are written once per send, in the customer's order, each change exactly once")
    void summed() {
        batch(() -> {
            open("a");
            for (int i = 1; i <= 4; i++) {
                add("a", i);
            }
            apply("a", "*", 2);
            writes.flush();
            assertThat(jdbc.queryForMap("SELECT balance, history FROM account WHERE customer = 'a'"))
                    .as("one statement for four additions, queued where the first was made: (1+2+3+4)*2")
                    .containsEntry("balance", 20).containsEntry("history", "summed *2 ");
            add("a", 5);
            add("a", 6);
        });
        assertThat(jdbc.queryForMap("SELECT balance, history FROM account WHERE customer = 'a'"))
                .as("after a send the sum starts afresh: nothing is written twice")
                .containsEntry("balance", 31).containsEntry("history", "summed *2 summed ");
        add("a", 1);
        assertThat(jdbc.queryForObject("SELECT balance FROM account WHERE customer = 'a'", Integer.class))
                .as("outside a batch, at once").isEqualTo(32);
        batch(() -> {
            add("a", 100);
            writes.discard();
            add("a", 7);
        });
        assertThat(jdbc.queryForObject("SELECT balance FROM account WHERE customer = 'a'", Integer.class))
                .as("a discarded change is never written").isEqualTo(39);
    }

    @Test
    @DisplayName("outside a batch, and after a flush, writes reach the database at once")
    void immediateOutsideBatches() {
        open("a");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account", Long.class)).isOne();
        batch(() -> {
            apply("a", "+", 5);
            writes.flush();
            assertThat(jdbc.queryForObject("SELECT balance FROM account WHERE customer = 'a'", Integer.class))
                    .as("a read after a flush sees the batch's writes").isEqualTo(5);
        });
    }
}
