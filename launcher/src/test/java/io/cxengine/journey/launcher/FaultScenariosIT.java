package io.cxengine.journey.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault harness: each scenario of docs/reliability.md runs real engine processes on a real, durable PostgreSQL,
 * injects its faults under load from {@link FaultLoad}, and checks with {@link FaultCheck} that nothing acknowledged
 * was lost or recorded twice, nothing refused was recorded, no receipt names another write, and the projections agree
 * with the events. CI runs each scenario short; {@code -Dfaults.long=true} runs the long versions the document quotes
 * (one command each, in docs/reliability.md). Every figure goes to {@code target/faults/report.md}.
 * <p>
 * The class runs beside the other integration tests (they run one after another, in one thread), its scenarios one
 * after another (each method {@code SAME_THREAD}: a scenario added without it would run beside the others): its
 * engines and PostgreSQL are processes of its own, in directories of its own, and most of its time is spent waiting
 * (paced load, frozen processes, restarts), which the others use.
 */
@Execution(ExecutionMode.CONCURRENT)
class FaultScenariosIT {

    static final boolean LONG = Boolean.getBoolean("faults.long");
    private static final Duration RETRY_FOR = Duration.ofSeconds(120);
    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    @TempDir
    Path work;
    private final List<EngineProcess> engines = new ArrayList<>();
    private final List<Process> relaunched = new ArrayList<>();

    private String scenario = "scenario";

    @BeforeEach
    void name(TestInfo test) {
        scenario = test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("scenario");
    }

    /** Engine logs are kept beside the report, to read after a run. */
    private Path engineLog(String name) {
        try {
            java.nio.file.Files.createDirectories(FaultReport.DIRECTORY);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return FaultReport.DIRECTORY.resolve(scenario + "-" + name + ".log").toAbsolutePath();
    }

    private Path data() {
        return work.resolve("data/postgres");
    }

    @AfterEach
    void noServerLeft() {
        engines.forEach(EngineProcess::close);
        PostgresProcesses.stop(data());
        relaunched.forEach(Process::destroyForcibly);
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @DisplayName("1: 32 writers on one hot customer, then on 50 customers, through two engine processes on one PostgreSQL")
    void twoEnginesOnOnePostgres() {
        Duration phase = LONG ? Duration.ofSeconds(60) : Duration.ofSeconds(5);
        int postgresPort = EngineProcess.freePort();
        EngineProcess first = start("first", EngineProcess.freePort(), postgresPort);
        EngineProcess second = secondEngine("second", EngineProcess.freePort(), postgresPort);
        List<String> hot = register(first.api(), 1);
        List<String> many = register(first.api(), 50);

        for (List<String> customers : List.of(hot, many)) {
            String name = customers.size() == 1 ? "one hot customer" : "50 customers";
            try (RequestLog log = log("1-" + customers.size());
                 FaultLoad load = new FaultLoad(List.of(first.port(), second.port()), first.api().authorization(),
                         customers, 32, 0, RETRY_FOR, log)) {
                load.start();
                EngineProcess.sleep(phase);
                load.stop();
                FaultCheck.Figures figures = new FaultCheck(postgresPort).check(log, customers, CATCH_UP);
                FaultReport.row("1 two engines, " + name, "32 writers unpaced, %s, %d attempts"
                                .formatted(phase, log.attempts()), "none (two writers of one stream)", figures, log,
                        List.of());
                assertClean(figures, log);
                // The two engines take turns on a customer (CustomerLocks): no writer loses to the other, and no
                // position is taken by a write that then rolls back, unless it ran past the write timeout.
                assertThat(log.answered(409, "concurrent-write")).as("writes that lost to the other engine").isZero();
                assertThat(new FaultCheck(postgresPort).unfilledPositions()).as("positions no event will fill")
                        .isLessThanOrEqualTo(log.answered(503, "write-timed-out") + log.unanswered());
                // Each engine links its writes into the customer's hash chain, from the hash it remembers when the
                // customer's last event is its own, from the store when the other engine wrote since.
                Api auditor = Api.withScopes(second.port(), "journey.audit");
                for (String customer : customers.subList(0, Math.min(5, customers.size()))) {
                    Api.Response verified = auditor.get("/customers/" + customer + "/history/verify");
                    assertThat(verified.json().get("verified").asBoolean()).as(verified.toString()).isTrue();
                }
            }
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @DisplayName("2: the engine killed with SIGKILL under load, alone and with every PostgreSQL process, clients retrying with the same key")
    void engineKilledUnderLoad() {
        int kills = LONG ? 10 : 2;
        Duration interval = LONG ? Duration.ofSeconds(60) : Duration.ofSeconds(6);
        int port = EngineProcess.freePort();
        int postgresPort = EngineProcess.freePort();
        EngineProcess engine = start("engine-0", port, postgresPort);
        List<String> customers = register(engine.api(), 50);
        List<Duration> recoveries = new ArrayList<>();
        try (RequestLog log = log("2");
             FaultLoad load = new FaultLoad(List.of(port), engine.api().authorization(), customers, 4, 10, RETRY_FOR,
                     log)) {
            load.start();
            for (int kill = 1; kill <= kills; kill++) {
                EngineProcess.sleep(interval);
                long killedAt = System.currentTimeMillis();
                if (kill % 2 == 1) {
                    engine.kill(); // its PostgreSQL lives on: the next start stops it
                } else {
                    // As a power cut or the OOM killer taking the whole process group: PostgreSQL recovers from its WAL.
                    List<ProcessHandle> cluster = PostgresProcesses.clusterOf(data());
                    engine.handle().destroyForcibly();
                    cluster.forEach(ProcessHandle::destroyForcibly);
                    engine.kill();
                    cluster.forEach(process -> PostgresProcesses.awaitExit(process, Duration.ofSeconds(30)));
                }
                engines.remove(engine);
                engine = start("engine-" + kill, port, postgresPort);
                EngineProcess.sleep(Duration.ofSeconds(3));
                recoveries.add(FaultReport.recovery(log, killedAt));
            }
            EngineProcess.sleep(interval);
            load.stop();
            FaultCheck.Figures figures = new FaultCheck(postgresPort).check(log, customers, CATCH_UP);
            FaultReport.row("2 engine SIGKILL", "4 writers × 10/s on 50 customers, %d attempts".formatted(log.attempts()),
                    "%d × SIGKILL every %s: %d of the engine alone, %d of the engine and every PostgreSQL process"
                            .formatted(kills, interval, (kills + 1) / 2, kills / 2), figures, log, recoveries);
            assertClean(figures, log);
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @DisplayName("3: PostgreSQL frozen (SIGSTOP) and killed (SIGKILL) under load")
    void postgresFrozenAndKilled() {
        int rounds = LONG ? 5 : 1;
        Duration freeze = LONG ? Duration.ofSeconds(20) : Duration.ofSeconds(6);
        int port = EngineProcess.freePort();
        int postgresPort = EngineProcess.freePort();
        EngineProcess engine = start("engine", port, postgresPort);
        List<String> customers = register(engine.api(), 50);
        List<Duration> recoveries = new ArrayList<>();
        try (RequestLog log = log("3");
             FaultLoad load = new FaultLoad(List.of(port), engine.api().authorization(), customers, 4, 10, RETRY_FOR,
                     log)) {
            load.start();
            for (int round = 1; round <= rounds; round++) {
                EngineProcess.sleep(Duration.ofSeconds(5));
                List<ProcessHandle> cluster = PostgresProcesses.clusterOf(data());
                PostgresProcesses.signal("STOP", cluster);
                EngineProcess.sleep(freeze);
                long thawed = System.currentTimeMillis();
                PostgresProcesses.signal("CONT", cluster);
                EngineProcess.sleep(Duration.ofSeconds(5));
                recoveries.add(FaultReport.recovery(log, thawed));

                cluster = PostgresProcesses.clusterOf(data());
                List<String> commandLine = PostgresProcesses.commandLine(cluster.get(0).pid());
                cluster.forEach(ProcessHandle::destroyForcibly);
                cluster.forEach(process -> PostgresProcesses.awaitExit(process, Duration.ofSeconds(30)));
                EngineProcess.sleep(Duration.ofSeconds(2));
                long restarted = System.currentTimeMillis();
                relaunched.add(PostgresProcesses.relaunch(commandLine, postgresPort,
                        work.resolve("postgres-" + round + ".log")));
                EngineProcess.sleep(Duration.ofSeconds(5));
                recoveries.add(FaultReport.recovery(log, restarted));
            }
            EngineProcess.sleep(Duration.ofSeconds(5));
            load.stop();
            FaultCheck.Figures figures = new FaultCheck(postgresPort).check(log, customers, CATCH_UP);
            FaultReport.row("3 PostgreSQL SIGSTOP and SIGKILL",
                    "4 writers × 10/s on 50 customers, %d attempts".formatted(log.attempts()),
                    "%d × (SIGSTOP %s, then SIGKILL of every server process and a restart)".formatted(rounds, freeze),
                    figures, log, recoveries);
            assertThat(engine.api().get("/actuator/health").status()).isEqualTo(200);
            assertClean(figures, log);
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @DisplayName("5: projections killed mid-batch, and their tokens stolen by a second process while the first is frozen")
    void projectionsKilledAndTokensStolen() {
        int kills = LONG ? 10 : 1;
        Duration interval = LONG ? Duration.ofSeconds(30) : Duration.ofSeconds(6);
        int port = EngineProcess.freePort();
        int postgresPort = EngineProcess.freePort();
        // Frozen past the claim timeout (Axon's 10 s). A shorter timeout would not do: the processors extend their claims
        // only every 5 s, so claims would change hands while nothing is frozen.
        Duration freeze = Duration.ofSeconds(15);
        EngineProcess owner = start("owner-0", port, postgresPort);
        EngineProcess thief = secondEngine("thief", EngineProcess.freePort(), postgresPort);
        List<String> customers = register(owner.api(), 50);
        try (RequestLog log = log("5");
             FaultLoad load = new FaultLoad(List.of(thief.port()), owner.api().authorization(), customers, 4, 10,
                     RETRY_FOR, log)) {
            load.start();
            // Frozen past the claim timeout: the second process takes its segments; thawed, the first one's batches in
            // flight must not commit over the thief's.
            EngineProcess.sleep(interval);
            FaultCheck check = new FaultCheck(postgresPort);
            Map<String, String> claimed = check.claims();
            PostgresProcesses.signal("STOP", List.of(owner.handle()));
            EngineProcess.sleep(freeze);
            Map<String, String> afterFreeze = check.claims();
            long stolen = claimed.entrySet().stream().filter(claim -> claim.getValue() != null
                    && !claim.getValue().equals(afterFreeze.get(claim.getKey()))).count();
            PostgresProcesses.signal("CONT", List.of(owner.handle()));
            for (int kill = 1; kill <= kills; kill++) {
                EngineProcess.sleep(interval);
                owner.kill();
                engines.remove(owner);
                owner = start("owner-" + kill, port, postgresPort);
            }
            EngineProcess.sleep(interval);
            load.stop();
            FaultCheck.Figures figures = check.check(log, customers, CATCH_UP);
            FaultReport.row("5 projections killed, tokens stolen",
                    "4 writers × 10/s on 50 customers, %d attempts".formatted(log.attempts()),
                    ("1 × SIGSTOP of the projecting process for %s, past the claim timeout of 10 s (%d of %d segment "
                            + "claims stolen), %d × SIGKILL of it every %s").formatted(freeze, stolen, claimed.size(),
                            kills, interval), figures, log, List.of());
            assertThat(stolen).as("the second process took over claims of the frozen one").isPositive();
            assertClean(figures, log);
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @DisplayName("6: deadlines falling due from 10 s to 25 s, the engine killed at 15 s: every breach recorded exactly once")
    void deadlinesAcrossAKill() throws Exception {
        int complaints = LONG ? 1000 : 200;
        Duration spread = Duration.ofSeconds(14);
        int port = EngineProcess.freePort();
        int postgresPort = EngineProcess.freePort();
        String[] standard = {"--journey.service-standards.complaint-acknowledgement=10s"};
        EngineProcess engine = start("engine-0", port, postgresPort, standard);
        List<String> customers = register(engine.api(), complaints / 10);
        Map<String, String> filed = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Instant started = Instant.now();
        try {
            Api api = engine.api();
            List<Future<?>> filings = new ArrayList<>();
            for (int i = 0; i < complaints; i++) {
                String customer = customers.get(i % customers.size());
                Instant at = started.plusNanos(spread.toNanos() * i / complaints);
                filings.add(pool.submit(() -> {
                    while (Instant.now().isBefore(at)) {
                        EngineProcess.sleep(Duration.ofMillis(5));
                    }
                    Api.Response complaint = api.post("/customers/" + customer + "/complaints", """
                            {"category": "BILLING_MISTAKE", "description": "Charged twice", "severity": "LOW"}""");
                    assertThat(complaint.status()).as(complaint.toString()).isEqualTo(201);
                    filed.put(customer + "/" + complaint.json().get("complaintId").asText(), customer);
                }));
            }
            for (Future<?> filing : filings) {
                filing.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Duration filing = Duration.between(started, Instant.now());
        Instant kill = started.plusSeconds(15);
        while (Instant.now().isBefore(kill)) {
            EngineProcess.sleep(Duration.ofMillis(100));
        }
        Duration killedAfter = Duration.between(started, Instant.now());
        FaultCheck check = new FaultCheck(postgresPort);
        long beforeKill = check.breachesBySubject(filed.values()).size();
        engine.kill();
        engines.remove(engine);
        Instant restart = Instant.now();
        engine = start("engine-1", port, postgresPort, standard);
        Duration down = Duration.between(restart, Instant.now());

        Instant deadline = Instant.now().plusSeconds(120);
        Map<String, Long> breaches = check.breachesBySubject(filed.values());
        while (breaches.size() < filed.size() && Instant.now().isBefore(deadline)) {
            EngineProcess.sleep(Duration.ofSeconds(1));
            breaches = check.breachesBySubject(filed.values());
        }
        Duration allRecorded = Duration.between(restart, Instant.now());
        EngineProcess.sleep(Duration.ofSeconds(5)); // a breach recorded twice would show up by now
        Map<String, Long> counts = check.breachesBySubject(filed.values());
        long once = counts.values().stream().filter(count -> count == 1).count();
        long twice = counts.values().stream().filter(count -> count > 1).count();
        Set<String> missing = filed.keySet().stream().filter(subject -> !counts.containsKey(subject))
                .collect(Collectors.toSet());
        long foreign = counts.keySet().stream().filter(subject -> !filed.containsKey(subject)).count();
        FaultReport.write(("| 6 deadlines across a kill | %d complaints filed over %.1f s, acknowledgement due 10 s after "
                + "each | SIGKILL of the engine %.1f s after the first filing (%d breaches recorded by then), restarted "
                + "in %.1f s | expected %d | recorded once %d | missing %d | recorded twice %d | of no filed complaint "
                + "%d | all recorded %.1f s after the kill |").formatted(complaints, filing.toMillis() / 1000.0,
                killedAfter.toMillis() / 1000.0, beforeKill, down.toMillis() / 1000.0, filed.size(), once, missing.size(), twice, foreign,
                allRecorded.toMillis() / 1000.0));
        assertThat(beforeKill).as("some deadlines fired before the kill, the rest after it")
                .isPositive().isLessThan(filed.size());
        assertThat(missing).as("complaints whose breach was never recorded").isEmpty();
        assertThat(twice).as("breaches recorded twice").isZero();
        assertThat(foreign).as("breaches of no filed complaint").isZero();
    }

    private static void assertClean(FaultCheck.Figures figures, RequestLog log) {
        assertThat(figures.acknowledged()).as("the load was acknowledged at all").isPositive();
        assertThat(figures.lost()).as("lost").isZero();
        assertThat(figures.dup()).as("dup").isZero();
        assertThat(figures.phantom()).as("phantom").isZero();
        assertThat(figures.gaps()).as("sequence gaps").isZero();
        assertThat(figures.wrongReceipts()).as("receipts naming another write").isZero();
        assertThat(figures.drift()).as("drift").isZero();
        assertThat(figures.deadLetters()).as("dead letters").isZero();
        assertThat(log.serverErrors()).as("5xx other than 503").isZero();
    }

    private EngineProcess start(String name, int port, int postgresPort, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--journey.embedded-postgres.port=" + postgresPort));
        Collections.addAll(all, arguments);
        EngineProcess engine = EngineProcess.start(data(), engineLog(name), port, all.toArray(String[]::new));
        engines.add(engine);
        return engine;
    }

    /** A second engine process on the first one's PostgreSQL, as a replica connects to a shared database. */
    private EngineProcess secondEngine(String name, int port, int postgresPort, String... arguments) {
        List<String> all = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:postgresql://localhost:%d/postgres".formatted(postgresPort),
                "--spring.datasource.username=journey_engine",
                "--journey.migrations.enabled=false",
                "--journey.security.local-tokens=true",
                "--journey.keys.kek-file=" + Api.KEYS.resolve("key-encryption-key").toAbsolutePath()));
        Collections.addAll(all, arguments);
        EngineProcess engine = EngineProcess.start(data(), engineLog(name), port, all.toArray(String[]::new));
        engines.add(engine);
        return engine;
    }

    private static List<String> register(Api api, int count) {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            customers.add(api.registerCustomer("Fault Customer " + i));
        }
        return customers;
    }

    private RequestLog log(String scenario) {
        return new RequestLog(FaultReport.DIRECTORY.resolve("scenario-" + scenario + "-requests.tsv"));
    }
}
