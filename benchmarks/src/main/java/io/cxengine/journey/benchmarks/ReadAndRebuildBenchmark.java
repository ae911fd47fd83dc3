package io.cxengine.journey.benchmarks;

import io.cxengine.journey.command.CommandSideApplication;
import io.cxengine.journey.command.recording.JourneyCommands;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.platform.EmbeddedPostgresServer;
import io.cxengine.journey.query.QuerySideApplication;
import io.cxengine.journey.query.operations.Projections;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures, in one run on one embedded PostgreSQL: the briefing's read latency next to the raw SQL lookup it needs,
 * and the rebuild rate of every projection next to the raw sequential read and pipelined batch insert rates.
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks-*-exec.jar [--customers=2000] [--commands=40000] [--requests=5000]
 * </pre>
 * Prints Markdown tables, and writes them to {@code benchmarks/target/read-and-rebuild.md}.
 */
public final class ReadAndRebuildBenchmark {

    private final int customers;
    private final int commands;
    private final int requests;
    private final StringBuilder report = new StringBuilder();

    private ReadAndRebuildBenchmark(int customers, int commands, int requests) {
        this.customers = customers;
        this.commands = commands;
        this.requests = requests;
    }

    public static void main(String[] args) throws Exception {
        new ReadAndRebuildBenchmark(option(args, "customers", 2000), option(args, "commands", 40_000),
                option(args, "requests", 5000)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        try (ConfigurableApplicationContext engine = new SpringApplicationBuilder(CommandSideApplication.class,
                QuerySideApplication.class).run("--server.port=0", "--journey.embedded-postgres.ephemeral=true",
                "--logging.level.root=warn", "--journey.service-standards.late-recording-grace=24h",
                "--spring.main.banner-mode=off")) {
            int port = ((WebServerApplicationContext) engine).getWebServer().getPort();
            String jdbcUrl = engine.getBean(EmbeddedPostgresServer.class).jdbcUrl();
            Projections projections = engine.getBean(Projections.class);

            long started = System.nanoTime();
            List<CustomerId> ids = populate(engine.getBean(JourneyCommands.class));
            double loadSeconds = (System.nanoTime() - started) / 1e9;
            long head = awaitCaughtUp(projections);
            line("Machine: %d cores, %s, Java %s; PostgreSQL 17 (embedded). %d customers, %d commands, %d events (loaded in %.0f s).",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                    System.getProperty("java.version"), ids.size(), commands, head, loadSeconds);
            line("");

            try (Connection raw = DriverManager.getConnection(jdbcUrl + "?user=postgres&reWriteBatchedInserts=true")) {
                briefing(raw, ids, port);
                rebuild(raw, projections, head);
            }
        }
        Path out = Path.of("benchmarks", "target", "read-and-rebuild.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("Written to " + out.toAbsolutePath());
    }

    private List<CustomerId> populate(JourneyCommands engine) throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<CustomerId>>> parts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            long seed = 4711 + i;
            parts.add(pool.submit(() -> new JourneyGenerator(seed, JourneyGenerator.CommandSink.inProcess(engine))
                    .run(customers / threads, commands / threads)));
        }
        List<CustomerId> ids = new ArrayList<>();
        for (Future<List<CustomerId>> part : parts) {
            ids.addAll(part.get());
        }
        pool.shutdown();
        return ids;
    }

    private void briefing(Connection raw, List<CustomerId> ids, int port) throws Exception {
        Random random = new Random(1);
        Latencies sql = new Latencies(requests);
        try (PreparedStatement lookup = raw.prepareStatement(
                "SELECT state::text, version FROM read_model.customer_briefing WHERE customer_id = ?")) {
            for (int i = 0; i < requests + requests / 10; i++) {
                lookup.setObject(1, ids.get(random.nextInt(ids.size())).value());
                long t = System.nanoTime();
                try (ResultSet row = lookup.executeQuery()) {
                    row.next();
                    row.getString(1);
                }
                if (i >= requests / 10) {
                    sql.add(System.nanoTime() - t);
                }
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        Latencies api = new Latencies(requests);
        for (int i = 0; i < requests + requests / 10; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:%d/customers/%s/briefing"
                    .formatted(port, ids.get(random.nextInt(ids.size()))))).GET().build();
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Briefing answered " + response.statusCode());
            }
            if (i >= requests / 10) {
                api.add(System.nanoTime() - t);
            }
        }
        line("### Briefing read latency (%d sequential requests, 1 client)", requests);
        line("");
        line("| figure | raw PostgreSQL (the lookup by key) | engine (`GET /customers/{id}/briefing`) | engine − raw | target |");
        line("| --- | --- | --- | --- | --- |");
        line("| p50 | %.2f ms | %.2f ms | %.2f ms | |", sql.percentile(50), api.percentile(50), api.percentile(50) - sql.percentile(50));
        line("| p99 | %.2f ms | %.2f ms | %.2f ms | within raw + 5 ms: %s |", sql.percentile(99), api.percentile(99),
                api.percentile(99) - sql.percentile(99), api.percentile(99) <= sql.percentile(99) + 5 ? "met" : "missed");
        line("");
    }

    private void rebuild(Connection raw, Projections projections, long head) throws Exception {
        long t = System.nanoTime();
        long read = 0;
        raw.setAutoCommit(false);
        try (Statement scan = raw.createStatement()) {
            scan.setFetchSize(1000);
            try (ResultSet rows = scan.executeQuery(
                    "SELECT global_index, payload, meta_data FROM domain_event_entry ORDER BY global_index")) {
                while (rows.next()) {
                    rows.getBytes(2);
                    read++;
                }
            }
        }
        raw.commit();
        double readRate = read / ((System.nanoTime() - t) / 1e9);

        try (Statement ddl = raw.createStatement()) {
            ddl.execute("CREATE TEMPORARY TABLE bench_rows (id BIGINT PRIMARY KEY, customer_id UUID, at TIMESTAMPTZ, "
                    + "kind TEXT, summary TEXT)");
        }
        t = System.nanoTime();
        try (PreparedStatement insert = raw.prepareStatement(
                "INSERT INTO bench_rows VALUES (?, ?, now(), 'TOUCHPOINT', 'Inbound phone contact: billing question')")) {
            for (long i = 0; i < head; i++) {
                insert.setLong(1, i);
                insert.setObject(2, java.util.UUID.randomUUID());
                insert.addBatch();
                if (i % 500 == 499) {
                    insert.executeBatch();
                    raw.commit();
                }
            }
            insert.executeBatch();
            raw.commit();
        }
        double insertRate = head / ((System.nanoTime() - t) / 1e9);

        List<String> names = projections.names();
        t = System.nanoTime();
        names.forEach(projections::rebuild);
        awaitCaughtUp(projections);
        double seconds = (System.nanoTime() - t) / 1e9;
        double perProjection = head / seconds;
        line("### Rebuild of every projection (%d projections at once over %d events, while idle)", names.size(), head);
        line("");
        line("| figure | raw PostgreSQL | engine | ratio | target |");
        line("| --- | --- | --- | --- | --- |");
        line("| sequential read by position | %,.0f events/s | | | |", readRate);
        line("| pipelined batch insert (500 rows a commit) | %,.0f rows/s | | | |", insertRate);
        line("| rebuild, events/s per projection | | %,.0f events/s | %.2f of the raw read | |", perProjection,
                perProjection / readRate);
        line("| rebuild, events/s all projections together | %,.0f rows/s (batch insert) | %,.0f events/s | %.2f of the raw insert | at least 0.40: %s |",
                insertRate, perProjection * names.size(), perProjection * names.size() / insertRate,
                perProjection * names.size() / insertRate >= 0.40 ? "met" : "missed");
        line("| rebuild wall time | | %.1f s | | |", seconds);
        line("");
    }

    private static long awaitCaughtUp(Projections projections) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            long head = projections.status(projections.names().get(0)).head();
            boolean caughtUp = projections.names().stream().allMatch(name -> projections.status(name).position() >= head);
            if (caughtUp) {
                return head;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Projections did not catch up in 30 minutes");
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println(text);
    }

    private static int option(String[] args, String name, int fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 3));
            }
        }
        return fallback;
    }
}
