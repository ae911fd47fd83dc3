package io.cxengine.journey.launcher;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.cxengine.journey.command.customer.ServiceClock;
import io.cxengine.journey.command.serviceclock.ServiceClockDeadlines;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Service-standard clocks are rows of the engine's own table: one row per running clock, keyed by the clock, written
 * and deleted in the transaction of the command that starts or stops it; a clock that runs out is fired once, however
 * many pollers look; one that cannot be fired waits and is tried again; deadlines an older engine left with
 * db-scheduler still fire, or are cancelled with their clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceClockIT extends EngineIntegration {

    @Autowired
    ServiceClockDeadlines deadlines;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    MeterRegistry meters;
    @RegisterExtension
    final PlantedBugs bugs = new PlantedBugs();

    @Test
    @DisplayName("a running clock is one row keyed by the clock, written with the fact that starts it and deleted with the one that stops it")
    void oneRowPerClock() {
        Api api = new Api(port);
        String customer = api.registerCustomer("Katherine Johnson");
        String complaint = fileComplaint(api, customer);
        Instant filedAt = Instant.now();

        List<Instant> rows = jdbc.sql("SELECT fire_at FROM service_clock WHERE schedule_id = :id")
                .param("id", customer + "/COMPLAINT_ACKNOWLEDGEMENT/" + complaint)
                .query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).isBetween(filedAt.plus(Duration.ofHours(23)), filedAt.plus(Duration.ofHours(25)));
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline'")
                .query(Long.class).single()).as("no scheduler task besides").isZero();

        assertThat(api.post("/customers/%s/complaints/%s/acknowledgement".formatted(customer, complaint), "{}")
                .status()).isEqualTo(200);
        assertThat(clocksOf(customer)).as("stopped in time: the row is gone").isZero();
    }

    @Test
    @DisplayName("clocks that ran out are fired once each, with three pollers looking at once")
    void firedOnce() {
        Api api = new Api(port);
        List<String> customers = IntStream.range(0, 12).mapToObj(i -> api.registerCustomer("Customer " + i)).toList();
        List<String> complaints = customers.stream().map(customer -> fileComplaint(api, customer)).toList();
        // read before the clocks run out: the engine's own poller may fire some of them before the test's do
        double fired = counted("journey.deadlines.fired");
        long timed = meters.find("journey.deadlines.lateness").timers().stream().mapToLong(Timer::count).sum();
        IntStream.range(0, customers.size()).forEach(i -> runOut(customers.get(i), complaints.get(i)));

        CompletableFuture<?>[] pollers = IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.runAsync(deadlines::fireDue)).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(pollers).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> customers.stream().allMatch(c -> clocksOf(c) == 0));

        for (String customer : customers) {
            assertThat(breaches(customer)).as("breaches of " + customer).isEqualTo(1);
        }
        assertThat(counted("journey.deadlines.fired")).as("fired, by the meter").isEqualTo(fired + 12);
        assertThat(meters.find("journey.deadlines.lateness").timers().stream().mapToLong(Timer::count).sum())
                .as("each firing's lateness timed").isEqualTo(timed + 12);
    }

    private double counted(String meter) {
        return meters.find(meter).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    @DisplayName("a clock that cannot be fired stays, counted, and is tried again later; the others go on")
    void failedFiringWaits(@Autowired EmbeddedPostgresServer postgres) {
        Api api = new Api(port);
        String refused = api.registerCustomer("Dorothy Vaughan");
        String refusedComplaint = fileComplaint(api, refused);
        String other = api.registerCustomer("Melba Roy Mouton");
        String otherComplaint = fileComplaint(api, other);
        JdbcClient owner = SchemaOwner.sql(postgres);
        bugs.plant(owner, "refuse_breach", "INSERT", "domain_event_entry",
                "NEW.aggregate_identifier = '%s'".formatted(refused), "the store refuses this customer's events for now");
        try {
            runOut(refused, refusedComplaint);
            runOut(other, otherComplaint);
            double failedBefore = counted("journey.deadlines.failed");
            assertThat(meters.get("journey.deadlines.due").gauge().value()).as("run out, not yet fired")
                    .isGreaterThanOrEqualTo(2);
            deadlines.fireDue();
            assertThat(counted("journey.deadlines.failed")).as("the failure counted").isGreaterThan(failedBefore);

            await().atMost(Duration.ofSeconds(10)).until(() -> breaches(other) == 1);
            var failed = jdbc.sql("SELECT failures, fire_at FROM service_clock WHERE schedule_id = :id")
                    .param("id", refused + "/COMPLAINT_ACKNOWLEDGEMENT/" + refusedComplaint)
                    .query((row, n) -> new Object[]{row.getInt("failures"), row.getTimestamp("fire_at").toInstant()})
                    .single();
            assertThat((Integer) failed[0]).isGreaterThanOrEqualTo(1);
            assertThat((Instant) failed[1]).as("tried again later").isAfter(Instant.now().plusSeconds(10));
            assertThat(breaches(refused)).isZero();
        } finally {
            bugs.removeAll();
        }

        jdbc.sql("UPDATE service_clock SET fire_at = now() WHERE schedule_id LIKE :c || '/%'").param("c", refused)
                .update();
        deadlines.fireDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> breaches(refused) == 1);
        assertThat(clocksOf(refused)).isZero();
    }

    @Test
    @DisplayName("a deadline an older engine left with db-scheduler fires once; one whose clock stops is cancelled")
    void legacyDeadlines(@Autowired Scheduler scheduler, @Autowired Configuration axon,
                         @Autowired @Qualifier("eventSerializer") Serializer serializer,
                         @Autowired TransactionManager unitTransactions) {
        DbSchedulerDeadlineManager older = DbSchedulerDeadlineManager.builder().scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon)).serializer(serializer)
                .transactionManager(unitTransactions).startScheduler(false).stopScheduler(false).build();
        Api api = new Api(port);
        String ranOut = api.registerCustomer("Mary Jackson");
        String ranOutComplaint = fileComplaint(api, ranOut);
        String stopped = api.registerCustomer("Christine Darden");
        String stoppedComplaint = fileComplaint(api, stopped);
        String ranOutTask = asAnOlderEngine(older, ranOut, ranOutComplaint, Instant.now());
        String stoppedTask = asAnOlderEngine(older, stopped, stoppedComplaint, Instant.now().plusSeconds(3600));

        await().atMost(Duration.ofSeconds(20)).until(() -> breaches(ranOut) == 1);
        assertThat(api.post("/customers/%s/complaints/%s/acknowledgement".formatted(stopped, stoppedComplaint), "{}")
                .status()).isEqualTo(200);

        for (String task : List.of(ranOutTask, stoppedTask)) {
            assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance = :id").param("id", task)
                    .query(Long.class).single()).as("task " + task).isZero();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM service_clock_deadline WHERE customer_id IN (:a, :b)")
                .param("a", UUID.fromString(ranOut)).param("b", UUID.fromString(stopped))
                .query(Long.class).single()).isZero();
        String metaData = jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                         WHERE aggregate_identifier = :c AND payload_type LIKE '%ServiceStandardBreached'""")
                .param("c", ranOut).query(String.class).single();
        assertThat(metaData).contains("\"principal\":\"system:service-standards\"");
        assertThat(breaches(ranOut)).isEqualTo(1);
        assertThat(breaches(stopped)).isZero();
    }

    /**
     * The clock of the complaint as an older engine kept it: a db-scheduler task, and a row remembering it, in place
     * of the engine's own row.
     */
    private String asAnOlderEngine(DbSchedulerDeadlineManager older, String customer, String complaint, Instant at) {
        jdbc.sql("DELETE FROM service_clock WHERE schedule_id LIKE :c || '/%'").param("c", customer).update();
        String task = older.schedule(at, "service-standard",
                new ServiceClock(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, complaint, at.minusSeconds(60), at),
                new AggregateScopeDescriptor("Customer", CustomerId.of(customer)));
        jdbc.sql("""
                        INSERT INTO service_clock_deadline (customer_id, standard, subject, schedule_id)
                        VALUES (:c, 'COMPLAINT_ACKNOWLEDGEMENT', :subject, :task)""")
                .param("c", UUID.fromString(customer)).param("subject", complaint).param("task", task).update();
        return task;
    }

    /** The complaint's clock as if its standard were a minute: it ran out a second ago. */
    private void runOut(String customer, String complaint) {
        Instant due = Instant.now().minusSeconds(1);
        new TransactionTemplate(transactions).executeWithoutResult(status -> deadlines.schedule(due,
                "service-standard", new ServiceClock(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, complaint,
                        due.minusSeconds(60), due),
                new AggregateScopeDescriptor("Customer", CustomerId.of(customer))));
    }

    private long clocksOf(String customer) {
        return jdbc.sql("SELECT count(*) FROM service_clock WHERE schedule_id LIKE :c || '/%'").param("c", customer)
                .query(Long.class).single();
    }

    private long breaches(String customer) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE aggregate_identifier = :c AND payload_type LIKE '%ServiceStandardBreached'""")
                .param("c", customer).query(Long.class).single();
    }

    private static String fileComplaint(Api api, String customer) {
        Api.Response filed = api.post("/customers/" + customer + "/complaints", """
                {"category": "INCORRECT_INFORMATION", "description": "Wrong opening hours online", "severity": "LOW"}""");
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        return filed.json().get("complaintId").asText();
    }
}
