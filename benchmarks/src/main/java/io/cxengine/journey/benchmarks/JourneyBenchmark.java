package io.cxengine.journey.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.cli.ImportClient;
import io.cxengine.journey.platform.SqlTime;
import io.cxengine.journey.command.CommandSideApplication;
import io.cxengine.journey.command.customer.CustomerCommand.RecordTouchpoint;
import io.cxengine.journey.command.recording.GroupCommit;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.cxengine.journey.query.QuerySideApplication;
import io.cxengine.journey.query.profile.ProfileQuery;
import io.cxengine.journey.query.operations.Projections;
import io.cxengine.journey.query.operations.RebuildStatus;
import io.cxengine.journey.query.http.ReadYourWrites;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The benchmark harness: in one run on one embedded PostgreSQL, the raw limits first, then each engine workload next
 * to its raw limit as a ratio — REST ingestion at 1, 16 and 64 clients; freshness at half the best ingestion rate;
 * aggregate load of 10 to 10,000 events with and without a snapshot; query latency of profile, timeline, briefing
 * and lost accounts at scale; and a rebuild of every projection while commands keep arriving.
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT-exec.jar [--events=1000000] [--ingest=4000] [--queries=2000]
 *      [--workloads=ingestion,aggregate,import,scale,queries,console,rebuild] [--raw-seconds=10] [--freshness-seconds=20]
 *      [--import-customers=5000] [--uci=path/to/online_retail.csv]
 *      [--journey.…=… and other engine settings]
 * </pre>
 * Prints Markdown tables, and writes them to {@code benchmarks/target/journey-benchmark.md}.
 */
public final class JourneyBenchmark {

    private static final String CUSTOMER_CLASS = "io.cxengine.journey.command.customer.Customer";
    private static final int[] CLIENTS = {1, 16, 64};
    private static final int[] HISTORIES = {10, 100, 1_000, 10_000};
    /** The aggregate workload's history lengths: all of {@link #HISTORIES} unless {@code --histories} names some. */
    private int[] histories = HISTORIES;
    /** Commands a second sent while every projection rebuilds: steady traffic, not a second load test. */
    private static final int FLOW_RATE = 20;

    private final int events;
    private final int ingest;
    private final int queries;
    private final Duration rawDuration;
    private final Duration freshnessDuration;
    private final List<String> workloads;
    private final StringBuilder report = new StringBuilder();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private ConfigurableApplicationContext engine;
    private String url;
    private String jdbcUrl;
    private Projections projections;
    private byte[] samplePayload;
    private byte[] sampleMetaData;
    private final Map<Integer, Throughput> rawCommands = new LinkedHashMap<>();
    private double batchInsertRate;

    private final List<String> engineSettings;
    private int importCustomers = 5000;
    private Path uci;

    private JourneyBenchmark(List<String> engineSettings, List<String> workloads, int events, int ingest, int queries, Duration rawDuration,
                             Duration freshnessDuration) {
        this.engineSettings = engineSettings;
        this.workloads = workloads;
        this.events = events;
        this.ingest = ingest;
        this.queries = queries;
        this.rawDuration = rawDuration;
        this.freshnessDuration = freshnessDuration;
    }

    public static void main(String[] args) throws Exception {
        List<String> workloads = List.of(LoadTool.option(args, "workloads", "ingestion,aggregate,scale,queries,console,rebuild")
                .split(","));
        List<String> engineSettings = Stream.of(args).filter(arg -> arg.startsWith("--journey.")
                || arg.startsWith("--spring.") || arg.startsWith("--axon.")).toList();
        JourneyBenchmark benchmark = new JourneyBenchmark(engineSettings, workloads, option(args, "events", 1_000_000),
                option(args, "ingest", 4000), option(args, "queries", 2000),
                Duration.ofSeconds(option(args, "raw-seconds", 10)),
                Duration.ofSeconds(option(args, "freshness-seconds", 20)));
        benchmark.importCustomers = option(args, "import-customers", 5000);
        benchmark.histories = Stream.of(LoadTool.option(args, "histories", "10,100,1000,10000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        String uciFile = LoadTool.option(args, "uci", "");
        benchmark.uci = uciFile.isEmpty() ? null : Path.of(uciFile);
        benchmark.run();
        System.exit(0);
    }

    /** Operations a second, and their latencies. */
    record Throughput(double perSecond, Latencies latencies) {
    }

    private void run() throws Exception {
        List<String> settings = new ArrayList<>(List.of("--server.port=0", "--journey.embedded-postgres.ephemeral=true",
                "--logging.level.root=warn", "--journey.service-standards.late-recording-grace=24h",
                "--spring.main.banner-mode=off"));
        // The clients' rate limits far above the load (thousands of sequential reads of one scope would meet them);
        // the limiter itself still runs on every request, as in production.
        for (String scope : List.of("write", "agent", "analyze", "audit", "admin")) {
            settings.add("--journey.rate-limits.scopes.%s.capacity=1000000".formatted(scope));
            settings.add("--journey.rate-limits.scopes.%s.refill-per-second=1000000".formatted(scope));
        }
        settings.addAll(engineSettings);
        try (ConfigurableApplicationContext started = new SpringApplicationBuilder(CommandSideApplication.class,
                QuerySideApplication.class).run(settings.toArray(String[]::new))) {
            engine = started;
            url = "http://localhost:" + ((WebServerApplicationContext) engine).getWebServer().getPort();
            jdbcUrl = engine.getBean(EmbeddedPostgresServer.class).jdbcUrl() + "?user=postgres&reWriteBatchedInserts=true";
            projections = engine.getBean(Projections.class);
            line("Machine: %d cores, %s %s, Java %s, %s of heap; PostgreSQL 17 (embedded, same machine). Started %s.",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                    System.getProperty("os.arch"), System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB", Instant.now().truncatedTo(ChronoUnit.SECONDS));
            line("Engine settings beyond the defaults: %s.", engineSettings.isEmpty() ? "none" : engineSettings);
            line("");
            samples();
            rawLimits();
            if (workloads.contains("ingestion")) {
                ingestion();
            }
            if (workloads.contains("aggregate")) {
                aggregateLoad();
            }
            if (workloads.contains("import")) {
                bulkImport();
            }
            if (workloads.contains("scale")) {
                List<CustomerId> customers = scale();
                if (workloads.contains("queries")) {
                    queries(customers);
                }
                if (workloads.contains("console")) {
                    consolePages(customers);
                }
                if (workloads.contains("rebuild")) {
                    rebuild(customers);
                }
            }
        }
        Path out = Path.of("benchmarks", "target", "journey-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("Written to " + out.toAbsolutePath());
    }

    // --- raw limits --------------------------------------------------------------------------------------------

    /** An event and its metadata in the bytes the engine stores, so that raw rows weigh what the engine's weigh. */
    private void samples() throws Exception {
        Serializer serializer = engine.getBean("eventSerializer", Serializer.class);
        List<CustomerEvent> history = SyntheticHistory.of(1, 1, 3);
        samplePayload = serializer.serialize(history.get(2), byte[].class).getData();
        sampleMetaData = json.writeValueAsBytes(Map.of("principal", "journey-load-tool",
                "correlationId", UUID.randomUUID().toString(), "idempotencyKey", "synthetic-1-1-2",
                "system", "journey-load-tool", "causationId", UUID.randomUUID().toString(), "previousHash", "0".repeat(64),
                "hash", "f".repeat(64), "traceId", UUID.randomUUID().toString()));
    }

    private void rawLimits() throws Exception {
        try (Connection raw = connection(); Statement ddl = raw.createStatement()) {
            ddl.execute("CREATE SCHEMA bench");
            ddl.execute("CREATE SEQUENCE bench.global_index");
            ddl.execute("CREATE TABLE bench.domain_event_entry (LIKE public.domain_event_entry INCLUDING INDEXES)");
            ddl.execute("CREATE TABLE bench.snapshot_event_entry (LIKE public.snapshot_event_entry INCLUDING INDEXES)");
            ddl.execute("CREATE TABLE bench.idempotency_record (LIKE public.idempotency_record INCLUDING ALL)");
            ddl.execute("CREATE TABLE bench.moment (id BIGINT PRIMARY KEY, customer_id UUID, at TIMESTAMPTZ, kind TEXT, "
                    + "summary TEXT)");
        }
        // Customers of the raw command loops: 10 events each, as a customer early in a journey has.
        try (Connection raw = connection(); PreparedStatement insert = raw.prepareStatement(insertEvent())) {
            raw.setAutoCommit(false);
            for (int customer = 0; customer < 64 * 100; customer++) {
                for (int sequence = 0; sequence < 10; sequence++) {
                    bindEvent(insert, rawCustomer(customer), sequence);
                    insert.addBatch();
                }
                if (customer % 50 == 49) {
                    insert.executeBatch();
                    raw.commit();
                }
            }
            insert.executeBatch();
            raw.commit();
        }
        AtomicLong aggregates = new AtomicLong();
        Throughput single1 = loop(1, rawDuration, (thread, connection, n) -> singleInsert(connection, aggregates));
        Throughput single16 = loop(16, rawDuration, (thread, connection, n) -> singleInsert(connection, aggregates));
        AtomicLong keys = new AtomicLong();
        long[][] versions = new long[64][100];
        for (int clients : CLIENTS) {
            rawCommands.put(clients, loop(clients, rawDuration,
                    (thread, connection, n) -> rawCommand(connection, thread, n, versions, keys)));
        }
        double batch = batchInsert(200_000);
        line("### Raw limits of this PostgreSQL, measured first");
        line("");
        line("| raw figure | rate | p50 | p99 | what |");
        line("| --- | --- | --- | --- | --- |");
        line("| single-row durable insert + commit, 1 connection | %,.0f rows/s | %.2f ms | %.2f ms | one event-sized row (%d + %d bytes) a transaction |",
                single1.perSecond(), single1.latencies().percentile(50), single1.latencies().percentile(99),
                samplePayload.length, sampleMetaData.length);
        line("| single-row durable insert + commit, 16 connections | %,.0f rows/s | %.2f ms | %.2f ms | |",
                single16.perSecond(), single16.latencies().percentile(50), single16.latencies().percentile(99));
        for (Map.Entry<Integer, Throughput> entry : rawCommands.entrySet()) {
            line("| the statements of one command, %d connection%s | %,.0f commands/s | %.2f ms | %.2f ms | %s |",
                    entry.getKey(), entry.getKey() == 1 ? "" : "s", entry.getValue().perSecond(),
                    entry.getValue().latencies().percentile(50), entry.getValue().latencies().percentile(99),
                    entry.getKey() == 1 ? "claim the key; lock the customer and read its version; append; read the "
                            + "position; store the answer; commit (1 commit)" : "");
        }
        line("| pipelined batch insert (500 rows a commit, `reWriteBatchedInserts`) | %,.0f rows/s | | | a moment-of-truth-sized row |",
                batch);
        line("");
        this.batchInsertRate = batch;
    }

    private static String insertEvent() {
        return """
                INSERT INTO bench.domain_event_entry (global_index, event_identifier, aggregate_identifier,
                       sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (nextval('bench.global_index'), ?, ?, ?, 'Customer', ?,
                        'io.cxengine.journey.customer.CustomerEvent$TouchpointRecorded', '2', ?, ?)""";
    }

    private void bindEvent(PreparedStatement insert, String aggregate, long sequence) throws SQLException {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, aggregate);
        insert.setLong(3, sequence);
        insert.setString(4, Instant.now().toString());
        insert.setBytes(5, samplePayload);
        insert.setBytes(6, sampleMetaData);
    }

    private static String rawCustomer(int index) {
        return new UUID(4711, index).toString();
    }

    private void singleInsert(Connection connection, AtomicLong aggregates) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertEvent())) {
            bindEvent(insert, new UUID(1_000, aggregates.incrementAndGet()).toString(), 0);
            insert.executeUpdate();
        }
    }

    /**
     * What one command costs PostgreSQL, in the engine's statements and transactions, without the engine: one
     * transaction that claims the key (its advisory lock, then its row), locks the customer and reads its stored
     * version, appends the event, reads its position and stores the key's answer; one commit. The customer itself
     * comes from the engine's memory (its version checked against the one read under the lock), so nothing of its
     * history is read.
     */
    private void rawCommand(Connection connection, int thread, long n, long[][] versions, AtomicLong keys)
            throws SQLException {
        int slot = (int) (n % 100);
        int customerIndex = thread * 100 + slot;
        String customer = rawCustomer(customerIndex);
        String key = "raw-" + keys.incrementAndGet();
        long version = 10 + versions[thread][slot]++;
        connection.setAutoCommit(false);
        try (PreparedStatement claim = connection.prepareStatement("""
                SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0));
                SELECT request_hash, state FROM bench.idempotency_record WHERE client_id = 'bench' AND idempotency_key = ?""");
             PreparedStatement lock = connection.prepareStatement("""
                SET LOCAL lock_timeout = 5000; SELECT pg_advisory_xact_lock(19011, hashtext(?)); SET LOCAL lock_timeout = DEFAULT;
                SELECT coalesce(max(sequence_number), -1) FROM bench.domain_event_entry WHERE aggregate_identifier = ?""");
             PreparedStatement append = connection.prepareStatement(insertEvent());
             PreparedStatement position = connection.prepareStatement("""
                SELECT global_index FROM bench.domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?""");
             PreparedStatement answered = connection.prepareStatement("""
                INSERT INTO bench.idempotency_record (client_id, idempotency_key, request_hash, state, claimed_at,
                       customer_id, version, response_status, response_headers, response_body, answered_at)
                VALUES ('bench', ?, 'hash', 'ANSWERED', now(), ?, ?, 201, CAST(? AS JSONB), ?, now())""")) {
            claim.setString(1, key);
            claim.setString(2, key);
            claim.execute();
            claim.getMoreResults();
            lock.setString(1, customer);
            lock.setString(2, customer);
            lock.execute();
            for (int result = 0; result < 3; result++) {
                lock.getMoreResults();
            }
            bindEvent(append, customer, version);
            append.executeUpdate();
            position.setString(1, customer);
            position.setLong(2, version);
            drain(position);
            answered.setString(1, key);
            answered.setString(2, customer);
            answered.setLong(3, version);
            answered.setString(4, "{\"ETag\": \"\\\"" + version + "\\\"\"}");
            answered.setString(5, "{\"customerId\": \"" + customer + "\", \"version\": " + version + "}");
            answered.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Moment-sized rows into a table of their own, 500 to a commit. */
    private double batchInsert(int rows) throws SQLException {
        return pipelined(rows, "INSERT INTO bench.moment VALUES (?, ?, now(), 'TOUCHPOINT', "
                + "'Inbound phone contact: billing question')", (insert, i) -> {
            insert.setLong(1, i);
            insert.setObject(2, UUID.randomUUID());
        });
    }

    /** One row's values, bound to the insert. */
    private interface RowBinder {
        void bind(PreparedStatement insert, int row) throws SQLException;
    }

    /** Rows a second inserted as a client that knows PostgreSQL would: batched, rewritten by the driver, 500 a commit. */
    private double pipelined(int rows, String sql, RowBinder binder) throws SQLException {
        try (Connection raw = connection(); PreparedStatement insert = raw.prepareStatement(sql)) {
            raw.setAutoCommit(false);
            long t = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                binder.bind(insert, i);
                insert.addBatch();
                if (i % 500 == 499) {
                    insert.executeBatch();
                    raw.commit();
                }
            }
            insert.executeBatch();
            raw.commit();
            return rows / ((System.nanoTime() - t) / 1e9);
        }
    }

    // --- bulk import ---------------------------------------------------------------------------------------------

    /**
     * A back-filled history through {@code POST /imports} with the project's client: synthetic journeys of 20
     * commands, customers interleaved as a chronological export interleaves them (and, with {@code --uci}, the UCI
     * Online Retail replay), in events a second against the raw pipelined batch insert of this run, of moment-sized
     * rows (the measure) and of event-sized rows into a copy of the event table.
     */
    private void bulkImport() throws Exception {
        double rawEvents = eventBatchInsert(200_000);
        line("### Bulk import (`POST /imports`, the project's client `journey import`)");
        line("");
        line("Raw pipelined batch insert in this run: %,.0f moment-sized rows/s; %,.0f event-sized rows/s (500 a commit).",
                batchInsertRate, rawEvents);
        line("");
        line("| file | lines | facts | seconds | lines/s | facts/s | engine CPU s per 1,000 facts | ratio to raw moment rows | ratio to raw event rows | refused | target |");
        line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        IntFunction<List<UciJourneys.Step>> journeys = LoadTool.syntheticJourneys(4242, 20);
        List<List<UciJourneys.Step>> synthetic = new ArrayList<>();
        for (int customer = 0; customer < importCustomers; customer++) {
            synthetic.add(journeys.apply(customer));
        }
        importRow("synthetic, %,d customers × 20 commands".formatted(importCustomers), synthetic, rawEvents);
        if (uci != null) {
            Map<String, List<UciJourneys.Invoice>> invoices = UciJourneys.invoices(uci);
            Instant dataEnd = invoices.values().stream().flatMap(List::stream).map(UciJourneys.Invoice::at)
                    .max(Comparator.naturalOrder()).orElseThrow();
            List<List<UciJourneys.Step>> replay = new ArrayList<>();
            invoices.forEach((customer, bought) -> replay.add(
                    UciJourneys.journey(customer, bought, dataEnd, LoadTool.LOST_AFTER)));
            importRow("UCI Online Retail, %,d customers".formatted(replay.size()), replay, rawEvents);
            // The views of the imported file, checked against the CSV as after the REST replay.
            io.cxengine.journey.platform.pseudonym.Pseudonyms pseudonyms =
                    engine.getBean(io.cxengine.journey.platform.pseudonym.Pseudonyms.class);
            UciCheck.Result check = new UciCheck(url, id -> pseudonyms.of(id).value())
                    .check(uci, LoadTool.LOST_AFTER, LoadTool.head(url), Integer.MAX_VALUE);
            line("");
            line("The UCI import checked against the CSV (profiles and lost accounts of every customer): %s",
                    check.text().strip().replace("\n", "; "));
        }
        line("");
    }

    private void importRow(String name, List<List<UciJourneys.Step>> journeys, double rawEvents) throws Exception {
        Path file = UciJourneys.ndjson(journeys, json);
        try {
            long lines = journeys.stream().mapToInt(List::size).sum();
            long cpu = processCpuNanos();
            long began = System.nanoTime();
            ImportClient.Result result = new ImportClient(URI.create(url), Bearer.token(), Duration.ofSeconds(1),
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).send(file, UUID.randomUUID(), 1, 3);
            double seconds = (System.nanoTime() - began) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
            if (!result.finished()) {
                throw new IllegalStateException("The import did not finish: " + result.text());
            }
            double facts = result.facts() / seconds;
            line("| %s | %,d | %,d | %.1f | %,.0f | %,.0f | %.2f | %.3f | %.3f | %,d | %s |", name, lines, result.facts(),
                    seconds, lines / seconds, facts, cpuSeconds * 1000 / Math.max(1, result.facts()),
                    facts / batchInsertRate, facts / rawEvents, result.refusals(),
                    "at least 0.30 of raw: " + verdict(facts / batchInsertRate >= 0.30));
            result.refusedLines().forEach(refused -> System.err.println("  refused " + refused));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Event-sized rows into a copy of the event table, 500 to a commit, batched and rewritten by the driver. */
    private double eventBatchInsert(int rows) throws SQLException {
        return pipelined(rows, insertEvent(), (insert, i) -> bindEvent(insert, "batch-" + (i / 20), i % 20));
    }

    /** CPU time of this process (engine and harness: the client's share of an import is small). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    // --- 1. ingestion and 5. freshness -----------------------------------------------------------------------

    private void ingestion() throws Exception {
        line("### 1. Command ingestion over REST (synthetic journeys of 20 commands, `LoadTool --synthetic`)");
        line("");
        line("| clients | raw: the statements of one command | engine: commands over REST | ratio | engine p50 / p99 | raw p50 / p99 | refused (409) | errors | commands committed in groups (groups; largest) | target |");
        line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        double best = 0;
        GroupCommit groupCommit = engine.getBean(GroupCommit.class);
        for (int clients : CLIENTS) {
            int requests = clients == 1 ? Math.max(20, ingest / 4) : ingest;
            GroupCommit.Statistics before = groupCommit.statistics();
            RestLoader.Summary summary = LoadTool.synthetic(url, clients, 100 + clients, Math.max(1, requests / 20), 20);
            GroupCommit.Statistics after = groupCommit.statistics();
            Throughput raw = rawCommands.get(clients);
            double ratio = summary.requestsPerSecond() / raw.perSecond();
            best = Math.max(best, summary.requestsPerSecond());
            line("| %d | %,.0f commands/s | %,.0f commands/s | %.2f | %.1f / %.1f ms | %.1f / %.1f ms | %,d | %,d | %,d (%,d; %d) | %s |",
                    clients, raw.perSecond(), summary.requestsPerSecond(), ratio, summary.p50Millis(),
                    summary.p99Millis(), raw.latencies().percentile(50), raw.latencies().percentile(99),
                    summary.refused(), summary.errors(), after.commands() - before.commands(),
                    after.groups() - before.groups(), after.largest(),
                    clients == 16 ? "realistic journeys at least 4× 157/s (issue #12): "
                            + verdict(summary.requestsPerSecond() >= 4 * 157) : "");
        }
        line("");
        freshness(best / 2);
    }

    /** Time from a command's response to its effect in the profile, at a steady rate. */
    private void freshness(double rate) throws Exception {
        ReadYourWrites reads = engine.getBean(ReadYourWrites.class);
        int customers = 64;
        RestLoader.Summary registered = LoadTool.synthetic(url, 8, 7777, customers, 1);
        if (registered.errors() > 0) {
            throw new IllegalStateException("Could not register the freshness customers: " + registered.text());
        }
        record Sent(long position, long respondedAt) {
        }
        List<CustomerId> registeredIds = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            registeredIds.add(JourneyGenerator.journey(7777, i, 1).get(0).customerId());
        }
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        Latencies fresh = new Latencies(1 << 14);
        int senders = 8;
        long interval = (long) (1e9 * senders / Math.max(1, rate));
        long end = System.nanoTime() + freshnessDuration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(senders + 1);
        AtomicLong errors = new AtomicLong();
        List<Future<?>> work = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            work.add(pool.submit(() -> {
                long next = System.nanoTime() + sender * interval / senders;
                for (int n = 0; System.nanoTime() < end; n++) {
                    sleepUntil(next);
                    next += interval;
                    CustomerId customer = registeredIds.get((sender + n * senders) % customers);
                    var step = CommandRequests.of(new RecordTouchpoint(customer, TouchpointId.random(), Channel.PHONE,
                            Direction.INBOUND, "freshness", null, Valence.NEUTRAL, "agent", null, 30, 60, null,
                            false, null, Instant.now().minusSeconds(1)), "freshness-" + sender + "-" + n + "-" + UUID.randomUUID());
                    HttpResponse<String> response = post(step);
                    long at = System.nanoTime();
                    if (response.statusCode() / 100 != 2) {
                        errors.incrementAndGet();
                        continue;
                    }
                    sent.add(new Sent(json.readTree(response.body()).get("position").asLong(), at));
                }
                return null;
            }));
        }
        Future<?> watcher = pool.submit(() -> {
            PriorityQueue<Sent> pending = new PriorityQueue<>((a, b) -> Long.compare(a.position(), b.position()));
            while (System.nanoTime() < end + Duration.ofSeconds(10).toNanos()) {
                for (Sent s = sent.poll(); s != null; s = sent.poll()) {
                    pending.add(s);
                }
                while (!pending.isEmpty() && reads.reached("customer-profile", pending.peek().position())) {
                    fresh.add(System.nanoTime() - pending.poll().respondedAt());
                }
                if (System.nanoTime() > end && pending.isEmpty() && work.stream().allMatch(Future::isDone)) {
                    return null;
                }
                Thread.sleep(1);
            }
            return null;
        });
        for (Future<?> future : work) {
            future.get();
        }
        watcher.get();
        pool.shutdown();
        double achieved = fresh.count() / (double) freshnessDuration.toSeconds();
        line("### 5. Freshness: from a command's response to its effect in the profile");
        line("");
        line("| load | commands measured | p50 | p99 | errors | target |");
        line("| --- | --- | --- | --- | --- | --- |");
        line("| %,.0f commands/s asked (half the best rate above), %,.0f achieved, 8 clients | %,d | %.1f ms | %.1f ms | %d | p99 under 100 ms: %s |",
                rate, achieved, fresh.count(), fresh.percentile(50), fresh.percentile(99), errors.get(),
                verdict(fresh.percentile(99) < 100));
        line("");
    }

    // --- 2. aggregate load -------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private void aggregateLoad() throws Exception {
        EventSeeder seeder = new EventSeeder(engine.getBean(EventStore.class), engine.getBean(TransactionManager.class));
        Repository<Object> repository = engine.getBean("customerRepository", Repository.class);
        Snapshotter snapshotter = engine.getBean(Snapshotter.class);
        Class<?> customerClass = Class.forName(CUSTOMER_CLASS);
        line("### 2. Aggregate load (median of repeated loads of one customer; the engine's repository, in-process)");
        line("");
        line("| events | raw SQL: all events | engine, no snapshot | ratio | raw SQL: snapshot + events after | engine, from a snapshot | ratio | snapshot speed-up | snapshot size (messages read from it) | target |");
        line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        try (Connection raw = connection()) {
            for (int size : histories) {
                String id = seeder.seed(31, size, 1, size, n -> { }).get(0).toString();
                int repeat = Math.max(5, Math.min(200, 20_000 / size));
                double rawFull = median(repeat, () -> rawLoad(raw, id, false));
                double engineFull = median(repeat, () -> load(repository, id));
                snapshotter.scheduleSnapshot(customerClass, id);
                awaitSnapshot(raw, id);
                // A load from a snapshot is cheap: measured as often as a short history's, after as many warm-ups.
                int snapshotRepeat = Math.max(repeat, 50);
                median(snapshotRepeat, () -> load(repository, id));
                double rawSnapshot = median(snapshotRepeat, () -> rawLoad(raw, id, true));
                double engineSnapshot = median(snapshotRepeat, () -> load(repository, id));
                double ratio = engineFull / rawFull;
                double speedUp = engineFull / engineSnapshot;
                long messages = engine.getBean(EventStore.class).readEvents(id).asStream().count();
                line("| %,d | %.2f ms | %.2f ms | %.1f× | %.2f ms | %.2f ms | %.1f× | %.0f× | %,d bytes (%,d) | %s |", size,
                        rawFull, engineFull, ratio, rawSnapshot, engineSnapshot, engineSnapshot / rawSnapshot, speedUp,
                        snapshotBytes(raw, id), messages,
                        "at most 1.5× raw: " + verdict(ratio <= 1.5)
                                + (size == 10_000 ? "; snapshot at least 10× faster: " + verdict(speedUp >= 10) : ""));
            }
        }
        line("");
    }

    private static void load(Repository<Object> repository, String id) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            repository.load(id);
        } finally {
            unitOfWork.rollback();
        }
    }

    private static void rawLoad(Connection raw, String id, boolean fromSnapshot) throws SQLException {
        long from = 0;
        if (fromSnapshot) {
            try (PreparedStatement snapshot = raw.prepareStatement("""
                    SELECT sequence_number, payload, meta_data FROM snapshot_event_entry
                     WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""")) {
                snapshot.setString(1, id);
                try (ResultSet row = snapshot.executeQuery()) {
                    row.next();
                    from = row.getLong(1) + 1;
                    row.getBytes(2);
                    row.getBytes(3);
                }
            }
        }
        try (PreparedStatement events = raw.prepareStatement("""
                SELECT global_index, event_identifier, sequence_number, time_stamp, payload_type, payload_revision,
                       payload, meta_data FROM domain_event_entry
                 WHERE aggregate_identifier = ? AND sequence_number >= ? ORDER BY sequence_number""")) {
            events.setString(1, id);
            events.setLong(2, from);
            drain(events);
        }
    }

    private static long snapshotBytes(Connection raw, String id) throws SQLException {
        try (PreparedStatement size = raw.prepareStatement("""
                SELECT length(payload) FROM snapshot_event_entry WHERE aggregate_identifier = ?
                 ORDER BY sequence_number DESC LIMIT 1""")) {
            size.setString(1, id);
            try (ResultSet row = size.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private static void awaitSnapshot(Connection raw, String id) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (PreparedStatement count = raw.prepareStatement(
                    "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")) {
                count.setString(1, id);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("No snapshot of " + id + " after a minute");
    }

    // --- scale, 4. queries and 3. rebuild ---------------------------------------------------------------------

    /** Writes synthetic customers of 20 events until the store holds the asked number of events. */
    private List<CustomerId> scale() throws Exception {
        EventSeeder seeder = new EventSeeder(engine.getBean(EventStore.class), engine.getBean(TransactionManager.class));
        long missing = events - head();
        int customers = (int) Math.max(1, missing / 20);
        long t = System.nanoTime();
        AtomicLong written = new AtomicLong();
        List<CustomerId> ids = seeder.seed(2026, 0, customers, 20, n -> {
            long total = written.addAndGet(n);
            if (total % 100_000 < n) {
                System.err.printf("seeded %,d of %,d events%n", total, missing);
            }
        });
        double seedSeconds = (System.nanoTime() - t) / 1e9;
        long head = awaitCaughtUp();
        double catchUp = (System.nanoTime() - t) / 1e9;
        line("### Scale: %,d events in the store (%,d synthetic customers of 20 events written straight into the store at %,.0f events/s; every projection caught up %.0f s after the writing began)",
                head, customers, written.get() / seedSeconds, catchUp);
        line("");
        return ids;
    }

    private void queries(List<CustomerId> customers) throws Exception {
        Random random = new Random(5);
        // The endpoint's own statement, its named parameters in their order (since, then customer) as JDBC's.
        String profileSql = ProfileQuery.SQL.replace(":since", "?").replace(":customer", "?")
                .replaceAll("\\b(customer_profile\\w*)", "read_model.$1");
        String timelineSql = """
                SELECT event_id, sequence, occurred_at, recorded_at, kind, channel, stage, valence, summary
                  FROM read_model.moment_of_truth WHERE customer_id = ?
                 ORDER BY occurred_at DESC, sequence DESC LIMIT 51""";
        String briefingSql = "SELECT state::text, version FROM read_model.customer_briefing WHERE customer_id = ?";
        String lostSql = "SELECT * FROM read_model.lost_account ORDER BY lost_at DESC, customer_id DESC LIMIT 51";
        line("### 4. Query latency at %,d events (%,d sequential requests each, 1 client, after %,d warm-up requests)",
                head(), queries, queries / 5);
        line("");
        line("| query | raw SQL p50 / p99 | engine p50 / p99 | engine p99 − raw p99 | target |");
        line("| --- | --- | --- | --- | --- |");
        record Query(String name, String path, String sql, boolean perCustomer, boolean since) {
        }
        for (Query query : List.of(
                new Query("profile `GET /customers/{id}/profile`", "/customers/%s/profile", profileSql, true, true),
                new Query("timeline page `GET /customers/{id}/timeline`", "/customers/%s/timeline?limit=50", timelineSql, true, false),
                new Query("briefing `GET /customers/{id}/briefing`", "/customers/%s/briefing", briefingSql, true, false),
                new Query("lost accounts `GET /lost-accounts?limit=50`", "/lost-accounts?limit=50", lostSql, false, false))) {
            Latencies rawTimes = new Latencies(queries);
            Latencies engineTimes = new Latencies(queries);
            try (Connection raw = connection(); PreparedStatement statement = raw.prepareStatement(query.sql())) {
                for (int i = 0; i < queries + queries / 5; i++) {
                    CustomerId customer = customers.get(random.nextInt(customers.size()));
                    int parameter = 1;
                    if (query.since()) {
                        statement.setObject(parameter++, SqlTime.utc(Instant.now().minus(Duration.ofDays(90))));
                    }
                    if (query.perCustomer()) {
                        statement.setObject(parameter, customer.value());
                    }
                    long t = System.nanoTime();
                    drain(statement);
                    if (i >= queries / 5) {
                        rawTimes.add(System.nanoTime() - t);
                    }
                }
            }
            for (int i = 0; i < queries + queries / 5; i++) {
                CustomerId customer = customers.get(random.nextInt(customers.size()));
                HttpRequest request = HttpRequest.newBuilder(URI.create(url + query.path().formatted(customer)))
                        .header("Authorization", Bearer.header()).GET()
                        .build();
                long t = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(query.name() + " answered " + response.statusCode());
                }
                if (i >= queries / 5) {
                    engineTimes.add(System.nanoTime() - t);
                }
            }
            double gap = engineTimes.percentile(99) - rawTimes.percentile(99);
            line("| %s | %.2f / %.2f ms | %.2f / %.2f ms | %.2f ms | within raw + 3 ms: %s |", query.name(),
                    rawTimes.percentile(50), rawTimes.percentile(99), engineTimes.percentile(50),
                    engineTimes.percentile(99), gap, verdict(gap <= 3));
        }
        line("");
    }

    /**
     * The console's pages at scale: what the server spends to make each page usable, as the page asks for it (its
     * HTML and scripts, then the API calls it makes before it shows anything), one call after another, summed per
     * page load. The browser makes some of them in parallel, so the sum is an upper bound of what a person waits for
     * the server. Target: p99 at most 300 ms per page.
     */
    private void consolePages(List<CustomerId> customers) throws Exception {
        Random random = new Random(8);
        int loads = Math.max(50, queries / 10);
        line("### 8. The console's pages at %,d events (%,d loads of each page, 1 client, after %,d warm-up loads)",
                head(), loads, loads / 5);
        line("");
        line("Server time of a page: its HTML and scripts and every API call it makes before it is usable, made one "
                + "after another and summed (the browser overlaps some, so this is an upper bound).");
        line("");
        line("| page | what it asks for | p50 | p99 | slowest call (p99) | target |");
        line("| --- | --- | --- | --- | --- | --- |");
        record Page(String name, List<String> calls) {
        }
        String shared = "/console/console.css,/console/console.js";
        String charts = "/webjars/echarts/dist/echarts.min.js";
        List<Page> pages = List.of(
                new Page("start `/console/`", List.of("/console/", shared, "/console/index.js", "/console/sign-in.json")),
                new Page("agent `/console/agent`", List.of("/console/agent", shared, "/console/agent.js",
                        "/customers?email=c%2$d@example.com", "/customers/%1$s/briefing")),
                new Page("journey `/console/journey`", List.of("/console/journey", shared, charts, "/console/journey.js",
                        "/customers/%1$s/timeline?limit=200", "/customers/%1$s/timeline?limit=50")),
                new Page("analytics `/console/analytics`", List.of("/console/analytics", shared, charts,
                        "/console/analytics.js", "/analytics/complaints?by=category", "/analytics/complaint-handling",
                        "/analytics/service-standards?by=standard", "/analytics/moments?by=channel",
                        "/analytics/lost-account-reasons", "/analytics/retention", "/analytics/recovery?by=category",
                        "/analytics/conversations?by=agent", "/analytics/phrases-to-avoid",
                        "/analytics/consent-breaches?by=channel", "/analytics/iceberg?by=month")),
                new Page("lost accounts `/console/lost-accounts`", List.of("/console/lost-accounts", shared,
                        "/console/lost-accounts.js", "/lost-accounts?limit=50")),
                new Page("audit `/console/audit`", List.of("/console/audit", shared, "/console/audit.js",
                        "/customers/%1$s/history?diff=true&limit=50&from=0", "/customers/%1$s/state?",
                        "/access-log?customerId=%1$s&limit=20")),
                new Page("audit: verify a history (a button)", List.of("/customers/%1$s/history/verify")),
                new Page("operations `/console/operations`", List.of("/console/operations", shared,
                        "/console/operations.js", "/admin/projections", "/admin/projections/rebuild")),
                new Page("operations: one refresh (every second)", List.of("/admin/projections",
                        "/admin/projections/rebuild")));
        Map<String, Map<String, Latencies>> details = new LinkedHashMap<>();
        for (Page page : pages) {
            List<String> calls = page.calls().stream().flatMap(call -> Stream.of(call.split(","))).toList();
            Latencies pageTimes = new Latencies(loads);
            Map<String, Latencies> callTimes = new LinkedHashMap<>();
            for (int i = 0; i < loads + loads / 5; i++) {
                int index = random.nextInt(customers.size());
                CustomerId customer = customers.get(index);
                long total = 0;
                for (String call : calls) {
                    String path = call.formatted(customer, index);
                    long t = System.nanoTime();
                    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                            .header("Authorization", Bearer.header()).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    long took = System.nanoTime() - t;
                    // The rebuild status answers 404 until a rebuild has run: an answer all the same.
                    if (response.statusCode() != 200 && !(response.statusCode() == 404 && path.endsWith("/rebuild"))) {
                        throw new IllegalStateException(path + " answered " + response.statusCode());
                    }
                    if (path.startsWith("/customers?") && !new String(response.body()).contains(customer.toString())) {
                        throw new IllegalStateException(path + " did not find the customer " + customer);
                    }
                    total += took;
                    if (i >= loads / 5) {
                        callTimes.computeIfAbsent(call, c -> new Latencies(loads)).add(took);
                    }
                }
                if (i >= loads / 5) {
                    pageTimes.add(total);
                }
            }
            Map.Entry<String, Latencies> slowest = callTimes.entrySet().stream()
                    .max(Comparator.comparingDouble(entry -> entry.getValue().percentile(99))).orElseThrow();
            line("| %s | %d requests | %.1f ms | %.1f ms | `%s` %.1f ms | p99 at most 300 ms: %s |", page.name(),
                    calls.size(), pageTimes.percentile(50), pageTimes.percentile(99), shown(slowest.getKey()),
                    slowest.getValue().percentile(99), verdict(pageTimes.percentile(99) <= 300));
            details.put(page.name(), callTimes);
        }
        line("");
        line("Each call of the pages whose calls take more than 100 ms together (p50), p50 / p99:");
        line("");
        details.forEach((page, callTimes) -> {
            if (callTimes.values().stream().mapToDouble(times -> times.percentile(50)).sum() > 100) {
                line("- %s: %s", page, String.join("; ", callTimes.entrySet().stream()
                        .map(call -> "`%s` %.1f / %.1f ms".formatted(shown(call.getKey()),
                                call.getValue().percentile(50), call.getValue().percentile(99))).toList()));
            }
        });
        line("");
    }

    private static String shown(String call) {
        return call.replace("%1$s", "{id}").replace("%2$d", "{n}");
    }

    private void rebuild(List<CustomerId> seeded) throws Exception {
        double read = sequentialRead();
        int flowCustomers = 100_000;
        try (Connection raw = connection(); Statement ddl = raw.createStatement()) {
            ddl.execute("CREATE TABLE bench.seeded_customer (id UUID PRIMARY KEY)");
            try (PreparedStatement insert = raw.prepareStatement("INSERT INTO bench.seeded_customer VALUES (?)")) {
                for (CustomerId customer : seeded) {
                    insert.setObject(1, customer.value());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        Map<String, String> before = checksums();
        keepViews(before.keySet());
        long head = head();
        RestLoader flow = new RestLoader(url, 2, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), true)
                .paced(FLOW_RATE);
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<RestLoader.Summary> flowing = background.submit(() ->
                flow.replay(flowCustomers, LoadTool.syntheticJourneys(4242, 20), flowCustomers * 20L));
        Thread.sleep(2000);
        long t = System.nanoTime();
        projections.rebuild(List.of());
        RebuildStatus rebuilt = awaitRebuilt();
        double seconds = (System.nanoTime() - t) / 1e9;
        flow.stop();
        RestLoader.Summary flowed = flowing.get();
        background.shutdown();
        awaitCaughtUp();
        Map<String, String> after = checksums();
        int names = projections.names().size();
        double all = rebuilt.events() / seconds;
        line("### 3. Rebuild of every projection over %,d events while commands keep arriving", head);
        line("");
        line("| figure | raw PostgreSQL | engine | ratio | target |");
        line("| --- | --- | --- | --- | --- |");
        line("| sequential read of the store by position | %,.0f events/s | | | |", read);
        line("| rebuild, one pass handing each event to all %d projections | | %,.0f events/s | %.2f of the raw read | |",
                names, all, all / read);
        line("| rebuild, all projections together | %,.0f rows/s (pipelined batch insert) | %,.0f events/s | %.3f of the raw insert | at least 0.50: %s |",
                batchInsertRate, all, all / batchInsertRate, verdict(all / batchInsertRate >= 0.50));
        line("| rebuild wall time | | %.0f s | | |", seconds);
        line("| commands arriving during the rebuild (2 clients, paced to %d/s) | | %,.0f commands/s, p99 %.0f ms, %d errors | | |",
                FLOW_RATE,
                flowed.requestsPerSecond(), flowed.p99Millis(), flowed.errors());
        long same = before.entrySet().stream().filter(e -> e.getValue().equals(after.get(e.getKey()))).count();
        line("| views afterwards (every read-model table, the customers of the seeded history) | | %d of %d tables identical%s | | the same views: %s |",
                same, before.size(), same == before.size() ? "" : ": differ " + before.keySet().stream()
                        .filter(k -> !before.get(k).equals(after.get(k))).toList(),
                verdict(same == before.size()));
        line("");
        before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).forEach(this::showDifferences);
    }

    /** A copy of every view keyed by customer, over the seeded customers, to show what a rebuild changed. */
    private void keepViews(Collection<String> tables) throws SQLException {
        try (Connection raw = connection(); Statement statement = raw.createStatement()) {
            for (String table : tables) {
                statement.execute("DROP TABLE IF EXISTS bench.kept_%1$s".formatted(table));
                statement.execute("""
                        CREATE TABLE bench.kept_%1$s AS SELECT t.* FROM read_model.%1$s t
                         WHERE EXISTS (SELECT 1 FROM bench.seeded_customer s WHERE s.id = t.customer_id)"""
                        .formatted(table));
            }
        }
    }

    /** Prints a few rows of a view that differ before and after the rebuild, each side named. */
    private void showDifferences(String table) {
        try (Connection raw = connection(); Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery("""
                     (SELECT 'after' AS side, r FROM (SELECT t::text AS r FROM read_model.%1$s t
                       WHERE EXISTS (SELECT 1 FROM bench.seeded_customer s WHERE s.id = t.customer_id)
                      EXCEPT SELECT k::text FROM bench.kept_%1$s k) a LIMIT 3)
                     UNION ALL
                     (SELECT 'before', r FROM (SELECT k::text AS r FROM bench.kept_%1$s k
                      EXCEPT SELECT t::text FROM read_model.%1$s t) b LIMIT 3)""".formatted(table))) {
            while (rows.next()) {
                System.out.printf("%s differs, %s the rebuild: %s%n", table, rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            System.out.printf("%s differs; its rows could not be shown: %s%n", table, e.getMessage());
        }
    }

    private double sequentialRead() throws SQLException {
        try (Connection raw = connection()) {
            raw.setAutoCommit(false);
            long t = System.nanoTime();
            long read = 0;
            try (Statement scan = raw.createStatement()) {
                scan.setFetchSize(1000);
                try (ResultSet rows = scan.executeQuery(
                        "SELECT global_index, payload, meta_data FROM domain_event_entry ORDER BY global_index")) {
                    while (rows.next()) {
                        rows.getBytes(2);
                        rows.getBytes(3);
                        read++;
                    }
                }
            }
            raw.commit();
            return read / ((System.nanoTime() - t) / 1e9);
        }
    }

    /**
     * A digest of every read-model table keyed by customer, over the customers of the seeded history (the commands
     * of the flow and of the earlier workloads may still change their own customers, by design).
     */
    private Map<String, String> checksums() throws SQLException {
        Map<String, String> digests = new LinkedHashMap<>();
        try (Connection raw = connection(); Statement statement = raw.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("""
                    SELECT table_name FROM information_schema.columns
                     WHERE table_schema = 'read_model' AND column_name = 'customer_id' ORDER BY table_name""")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet row = statement.executeQuery("""
                        SELECT count(*) || ':' || COALESCE(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '')
                          FROM read_model.%s t
                         WHERE EXISTS (SELECT 1 FROM bench.seeded_customer s WHERE s.id = t.customer_id)""".formatted(table))) {
                    row.next();
                    digests.put(table, row.getString(1));
                }
            }
        }
        return digests;
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface Operation {
        void run(int thread, Connection connection, long n) throws Exception;
    }

    @FunctionalInterface
    interface Timed {
        void run() throws Exception;
    }

    /** Runs the operation on {@code threads} connections at once for the duration. */
    private Throughput loop(int threads, Duration duration, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Latencies>> parts = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; i < threads; i++) {
            int thread = i;
            parts.add(pool.submit(() -> {
                Latencies latencies = new Latencies(4096);
                try (Connection connection = connection()) {
                    for (long n = 0; System.nanoTime() < end; n++) {
                        long t = System.nanoTime();
                        operation.run(thread, connection, n);
                        latencies.add(System.nanoTime() - t);
                    }
                }
                return latencies;
            }));
        }
        Latencies all = new Latencies(1 << 16);
        for (Future<Latencies> part : parts) {
            all.addAll(part.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Throughput(all.count() / seconds, all);
    }

    private static double median(int repeat, Timed timed) throws Exception {
        Latencies latencies = new Latencies(repeat);
        for (int i = 0; i < repeat + Math.max(2, repeat / 5); i++) {
            long t = System.nanoTime();
            timed.run();
            if (i >= Math.max(2, repeat / 5)) {
                latencies.add(System.nanoTime() - t);
            }
        }
        return latencies.percentile(50);
    }

    private static void drain(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    rows.getObject(i);
                }
            }
        }
    }

    private HttpResponse<String> post(UciJourneys.Step step) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + step.path())).header("Authorization", Bearer.header())
                .header("Content-Type", "application/json").header("Idempotency-Key", step.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(step.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    private long head() {
        return projections.status(projections.names().get(0)).head();
    }

    /** Waits until the rebuild running has swapped its tables in; fails if it failed. */
    private RebuildStatus awaitRebuilt() throws InterruptedException {
        while (true) {
            RebuildStatus status = projections.rebuildStatus().orElseThrow();
            if (!status.running()) {
                if (status.state() != RebuildStatus.State.FINISHED) {
                    throw new IllegalStateException("The rebuild failed: " + status.failure());
                }
                return status;
            }
            Thread.sleep(200);
        }
    }

    private long awaitCaughtUp() throws InterruptedException {
        long head = head();
        awaitPassed(head);
        return head;
    }

    private void awaitPassed(long position) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofHours(3).toNanos();
        long reported = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long slowest = projections.names().stream().map(projections::status)
                    .mapToLong(status -> status.replaying() ? -1 : status.position()).min().orElse(0);
            if (slowest >= position) {
                return;
            }
            if (System.nanoTime() - reported > Duration.ofSeconds(30).toNanos()) {
                System.err.printf("projections at %,d of %,d%n", slowest, position);
                reported = System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Projections did not reach " + position + " in 3 hours");
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println(text);
    }

    private static int option(String[] args, String name, int fallback) {
        return Integer.parseInt(LoadTool.option(args, name, String.valueOf(fallback)));
    }
}
