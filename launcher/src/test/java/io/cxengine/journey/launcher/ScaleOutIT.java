package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The production profile's shape as separate OS processes on 127.0.0.1: one PostgreSQL, two command-side and two
 * query-side JVMs (their own {@code -exec} jars), HAProxy in front with the routing of
 * {@code docker/haproxy/haproxy.cfg} (Debian's haproxy, which .ci/run installs; without it, on a developer's machine,
 * the test routes by customer itself). Clients send touchpoints under {@code Idempotency-Key}s, retrying what the API
 * guide says a client retries (409 concurrent-write or key in flight, 502/503/504, a lost connection), while one
 * command node and one query node are killed with SIGKILL. Then: no other answer, every acknowledged touchpoint stored
 * exactly once, the surviving query node holds every segment, a live subscriber on either query node saw a fact
 * written through a command node, and the read models equal those a single node builds from the same store.
 * <p>
 * Figures (CPU per 1,000 commands per process type, retries with and without affinity, takeover time) are printed and
 * written to {@code target/scale-out/figures.txt}; docs/operations.md quotes a longer run on the full JIT
 * ({@code -Dscaleout.load-seconds=60 -Dscaleout.full-jit=true}).
 */
class ScaleOutIT {

    private static final Logger log = LoggerFactory.getLogger(ScaleOutIT.class);
    private static final Path WORK = Path.of("target/scale-out");
    private static final int CLIENTS = 8;
    private static final int CUSTOMERS_PER_CLIENT = 4;
    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    /** Seconds of each measured load phase: short in the suite, longer for the figures of docs/operations.md. */
    private static final int LOAD_SECONDS = Integer.getInteger("scaleout.load-seconds", 4);
    /** The suite runs the nodes on the JIT's first tier, which starts them sooner; the figures on the full JIT. */
    private static final boolean FULL_JIT = Boolean.getBoolean("scaleout.full-jit");

    static EmbeddedPostgresServer postgres;
    static JdbcClient sql;
    static final Map<String, Node> nodes = new LinkedHashMap<>();
    static Process haproxy;
    static int front;

    record Node(String name, Process process, int port) {
        Api api() {
            return new Api(port);
        }

        long cpuTicks() {
            return ScaleOutIT.cpuTicks(process.pid());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        Api.tokens(); // the key pair every node verifies the test's tokens with
        postgres = EmbeddedPostgresServer.start(new EmbeddedPostgresSettings(
                Files.createTempDirectory(WORK.toAbsolutePath(), "postgres-"), 0, false, "journey-scale-out"));
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setUrl(postgres.jdbcUrl());
        owner.setUser(EmbeddedPostgresServer.SUPERUSER);
        sql = JdbcClient.create(owner);
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        List<String> common = List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + EmbeddedPostgresServer.ENGINE_LOGIN,
                "--journey.migrations.username=" + EmbeddedPostgresServer.SUPERUSER,
                "--journey.security.local-tokens=true",
                "--journey.keys.directory=" + Api.KEYS.toAbsolutePath(),
                "--journey.keys.kek=" + Base64.getEncoder().encodeToString(kek),
                "--journey.processing.initial-segments=4",
                "--spring.datasource.hikari.maximum-pool-size=24",
                "--logging.level.root=warn", "--logging.level.io.cxengine=info");
        // One of each side first, so that the migrations run once before the others start.
        start("command-1", "command-side", common);
        start("query-1", "query-side", common);
        awaitReady("command-1", "query-1");
        start("command-2", "command-side", common);
        start("query-2", "query-side", common);
        awaitReady("command-2", "query-2");
        if (Files.isExecutable(HAPROXY)) {
            front = freePort();
            Path config = WORK.resolve("haproxy.cfg");
            Files.writeString(config, Files.readString(Path.of("../docker/haproxy/haproxy.cfg"))
                    .replaceAll("(?m)^resolvers docker\\n(?:[ \\t]+.*\\n)+", "")
                    .replace(" resolvers docker", "")
                    .replace("bind :8080", "bind 127.0.0.1:" + front)
                    .replace("log stdout format raw local0 info", "log stderr format raw local0 warning")
                    .replaceAll("server (\\S+) \\1:8080", "server $1 127.0.0.1:__$1__")
                    .replace("__command-1__", String.valueOf(nodes.get("command-1").port()))
                    .replace("__command-2__", String.valueOf(nodes.get("command-2").port()))
                    .replace("__query-1__", String.valueOf(nodes.get("query-1").port()))
                    .replace("__query-2__", String.valueOf(nodes.get("query-2").port())));
            haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString()).redirectErrorStream(true)
                    .redirectOutput(WORK.resolve("haproxy.log").toFile()).start();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> new Api(front).get("/actuator/health/readiness").status() == 200);
        } else {
            assertThat(System.getenv("CI")).as("haproxy is installed by .ci/run").isNotEqualTo("true");
            log.warn("haproxy is not installed (apt-get install haproxy): the test routes by customer itself");
        }
    }

    private static void start(String name, String side, List<String> settings) throws IOException {
        Path jar;
        try (var files = Files.list(Path.of("..", side, "target"))) {
            jar = files.filter(file -> file.getFileName().toString().matches(side + "-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + side + " -exec jar: package it first"));
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m", "-XX:+UseSerialGC", FULL_JIT ? "-XX:+TieredCompilation" : "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(), "--server.port=" + port));
        command.addAll(settings);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve(name + ".log").toFile()).start();
        nodes.put(name, new Node(name, process, port));
    }

    private static void awaitReady(String... names) {
        for (String name : names) {
            Node node = nodes.get(name);
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        assertThat(node.process().isAlive()).as(name + " died: see target/scale-out/" + name + ".log")
                                .isTrue();
                        return node.api().get("/actuator/health/readiness").status() == 200;
                    });
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) {
            haproxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (Node node : nodes.values()) {
            node.process().destroy();
        }
        for (Node node : nodes.values()) {
            if (!node.process().waitFor(30, TimeUnit.SECONDS)) {
                node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** What the clients were answered, and what they were told was recorded. */
    static final class Tally {
        final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final AtomicLong commands = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** 409 concurrent-write answers per customer. */
        final Map<String, Integer> conflicts = new ConcurrentHashMap<>();

        void answered(String what) {
            answers.computeIfAbsent(what, key -> new AtomicLong()).incrementAndGet();
        }

        Map<String, Long> answers() {
            return new TreeMap<>(answers.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get())));
        }
    }

    @Test
    @DisplayName("load through two command and two query nodes, one of each killed: nothing lost, nothing twice")
    void killedMidLoad() throws Exception {
        Api writes = router(null);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CLIENTS * CUSTOMERS_PER_CLIENT; i++) {
            customers.add(writes.registerCustomer("Scale Out " + i));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(segmentsHeld("query-1")).as("query-1 holds half of every projection").containsOnly(2);
            assertThat(segmentsHeld("query-2")).as("query-2 holds half of every projection").containsOnly(2);
        });

        // A live subscriber on each query node; one of them holds the customer's segment, the other does not.
        String followed = customers.get(0);
        List<List<String>> streams = List.of(nodes.get("query-1").api().follow("/customers/" + followed + "/profile"),
                nodes.get("query-2").api().follow("/customers/" + followed + "/profile"));
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.stream().allMatch(lines -> profiles(lines) >= 1));
        assertThat(touchpoint(nodes.get("command-2").api(), followed, "followed", UUID.randomUUID().toString())
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(streams)
                .allSatisfy(lines -> assertThat(profiles(lines)).as("a profile update").isGreaterThanOrEqualTo(2)));

        // Warming up, not counted: every node has handled some of each before anything is measured.
        load(customers, Duration.ofSeconds(Math.max(3, LOAD_SECONDS / 2)), new Tally(), (customer, attempt) ->
                nodes.get(attempt % 2 == 0 ? "command-1" : "command-2").api(), null);

        StringBuilder figures = new StringBuilder();
        // Without affinity: each client's commands alternate between the command nodes.
        Tally scattered = new Tally();
        Map<String, Long> cpuBefore = cpu();
        load(customers, Duration.ofSeconds(LOAD_SECONDS), scattered, (customer, attempt) ->
                nodes.get(attempt % 2 == 0 ? "command-1" : "command-2").api(), null);
        figures.append(figure("without affinity (round robin over the command nodes)", scattered, cpuBefore, cpu()));

        // With affinity (HAProxy, or the test's own routing), killing a command node and a query node midway.
        Tally routed = new Tally();
        cpuBefore = cpu();
        Instant[] killedAt = new Instant[1];
        Map<String, Long> atKill = new TreeMap<>();
        java.util.concurrent.CompletableFuture<Duration> takeover = new java.util.concurrent.CompletableFuture<>();
        load(customers, Duration.ofSeconds(LOAD_SECONDS * 5 / 2), routed, (customer, attempt) -> router(customer), () -> {
            atKill.putAll(cpu());
            killedAt[0] = Instant.now();
            nodes.get("command-2").process().destroyForcibly();
            nodes.get("query-2").process().destroyForcibly();
            // Watched while the load goes on: when the survivor holds every segment of every projection.
            Thread watcher = new Thread(() -> {
                while (!segmentsHeld("query-1").stream().allMatch(held -> held == 4)) {
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException stopped) {
                        return;
                    }
                }
                takeover.complete(Duration.between(killedAt[0], Instant.now()));
            }, "takeover-watcher");
            watcher.setDaemon(true);
            watcher.start();
        });
        Map<String, Long> after = new TreeMap<>(atKill);
        after.putAll(cpu());
        figures.append(figure("with affinity, command-2 and query-2 killed a third of the way", routed, cpuBefore,
                after));

        assertThat(routed.unexpected).as("answers no client retries").isEmpty();
        assertThat(routed.conflicts.values()).as("a moved customer: at most one retried conflict").allMatch(n -> n <= 1);
        assertThat(scattered.unexpected).as("answers no client retries").isEmpty();
        assertThat(routed.acknowledged).hasSizeGreaterThan(100);

        // Every acknowledged touchpoint stored exactly once; nothing stored that was not acknowledged... or retried.
        Map<String, Long> stored = sql.sql("""
                        SELECT convert_from(payload, 'UTF8')::jsonb ->> 'agentId' AS tag, count(*) AS n
                          FROM domain_event_entry WHERE payload_type LIKE '%TouchpointRecorded'
                         GROUP BY 1""")
                .query((row, n) -> Map.entry(row.getString("tag"), row.getLong("n"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Set<String> acknowledged = new java.util.HashSet<>(scattered.acknowledged);
        acknowledged.addAll(routed.acknowledged);
        List<String> lost = acknowledged.stream().filter(tag -> !stored.containsKey(tag)).toList();
        List<String> twice = stored.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        assertThat(lost).as("lost").isEmpty();
        assertThat(twice).as("recorded twice").isEmpty();

        // The survivor takes every segment once the dead node's claims have timed out.
        Duration taken = takeover.get(60, TimeUnit.SECONDS);
        assertThat(segmentsHeld("query-1")).as("query-1 holds every segment").containsOnly(4);
        figures.append("every segment of every projection held by query-1 %.1f s after query-2 was killed%n"
                .formatted(taken.toMillis() / 1000.0));

        // The views, caught up, equal what one node builds from the same store.
        Api reads = nodes.get("query-1").api();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode projections = reads.get("/admin/projections").json();
            for (JsonNode projection : projections) {
                if (projection.get("lag").asLong() > 0) {
                    return false;
                }
            }
            return true;
        });
        Map<String, String> before = fingerprints();
        assertThat(reads.post("/admin/projections/rebuild", "{\"all\": true}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).until(() ->
                reads.get("/admin/projections/rebuild").json().get("state").asText().equals("FINISHED"));
        assertThat(fingerprints()).as("the read models, rebuilt by one node").isEqualTo(before);

        figures.append(storage());
        Files.writeString(WORK.resolve("figures.txt"), figures);
        log.info("Scale-out figures:\n{}", figures);
    }

    /** The front door: HAProxy if it runs, else the test's own routing of each customer to one command node. */
    private static Api router(String customer) {
        if (haproxy != null) {
            return new Api(front);
        }
        List<Node> alive = nodes.values().stream().filter(node -> node.name().startsWith("command-"))
                .filter(node -> node.process().isAlive()).toList();
        return customer == null ? alive.get(0).api()
                : alive.get(Math.floorMod(customer.hashCode(), alive.size())).api();
    }

    /** Where a client sends the n-th attempt of a command of this customer. */
    @FunctionalInterface
    interface Route {
        Api to(String customer, long attempt);
    }

    /**
     * Clients, each with customers of its own, send touchpoints for {@code length}; {@code midway}, if any, runs after
     * a third of it. Each touchpoint carries a tag of its own (as its agent) and an Idempotency-Key, and is retried
     * as the API guide says until it is answered 201.
     */
    private static void load(List<String> customers, Duration length, Tally tally, Route route, Runnable midway)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> sent = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int me = client;
            List<String> mine = customers.subList(me * CUSTOMERS_PER_CLIENT, (me + 1) * CUSTOMERS_PER_CLIENT);
            sent.add(clients.submit(() -> {
                long count = 0;
                while (running.get()) {
                    String customer = mine.get((int) (count % mine.size()));
                    String tag = UUID.randomUUID().toString();
                    tally.commands.incrementAndGet();
                    for (int attempt = 0; ; attempt++) {
                        Api api = route.to(customer, count + attempt);
                        String answer;
                        try {
                            Api.Response response = touchpoint(api, customer, tag, tag);
                            answer = response.status() == 409 ? "409 " + response.json().get("type").asText()
                                    .replace("https://cxengine.io/problems/", "") : String.valueOf(response.status());
                        } catch (UncheckedIOException | IllegalStateException lost) {
                            answer = "connection lost";
                        }
                        tally.answered(answer);
                        if (answer.equals("409 concurrent-write")) {
                            tally.conflicts.merge(customer, 1, Integer::sum);
                        }
                        if (answer.equals("201")) {
                            tally.acknowledged.add(tag);
                            break;
                        }
                        boolean retried = answer.equals("409 concurrent-write")
                                || answer.equals("409 idempotency-key-in-flight") || answer.equals("502")
                                || answer.equals("503") || answer.equals("504") || answer.equals("connection lost");
                        if (!retried || attempt > 100) {
                            tally.unexpected.add(customer + " " + tag + ": " + answer);
                            break;
                        }
                        tally.retries.incrementAndGet();
                        Thread.sleep(100);
                    }
                    count++;
                }
                return null;
            }));
        }
        if (midway != null) {
            Thread.sleep(length.toMillis() / 3);
            midway.run();
            Thread.sleep(length.toMillis() - length.toMillis() / 3);
        } else {
            Thread.sleep(length.toMillis());
        }
        running.set(false);
        for (Future<?> client : sent) {
            client.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();
    }

    private static Api.Response touchpoint(Api api, String customer, String tag, String key) {
        return api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "load", "valence": "NEUTRAL",
                 "agentId": "%s"}""".formatted(tag), "Idempotency-Key", key);
    }

    private static long profiles(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("event:profile")).count();
    }

    /** Segments of each query-side processing group (the follow-up policies run on the command nodes) this node holds. */
    private static List<Integer> segmentsHeld(String name) {
        long pid = nodes.get(name).process().pid();
        return sql.sql("""
                        SELECT t.processor_name, count(o.owner) AS held
                          FROM (SELECT DISTINCT processor_name FROM token_entry
                                 WHERE processor_name <> 'follow-up-policies') t
                          LEFT JOIN token_entry o ON o.processor_name = t.processor_name AND o.owner LIKE :owner
                         GROUP BY t.processor_name""")
                .param("owner", pid + "@%").query((row, n) -> row.getInt("held")).list();
    }

    /** A digest of each table of the read models, its rows in a stable order. */
    private static Map<String, String> fingerprints() {
        Map<String, String> digests = new TreeMap<>();
        for (String table : sql.sql("""
                        SELECT table_name FROM information_schema.tables
                         WHERE table_schema = 'read_model' AND table_type = 'BASE TABLE'""")
                .query(String.class).list()) {
            digests.put(table, sql.sql("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM read_model."
                    + table + " t").query(String.class).single());
        }
        return digests;
    }

    /** What the store and the views take on disk, per event and per customer, for the capacity plan. */
    private static String storage() {
        long events = sql.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        long customers = sql.sql("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry")
                .query(Long.class).single();
        long store = sql.sql("SELECT pg_table_size('domain_event_entry')").query(Long.class).single();
        long storeIndexes = sql.sql("SELECT pg_indexes_size('domain_event_entry')").query(Long.class).single();
        long views = sql.sql("""
                        SELECT coalesce(sum(pg_total_relation_size(format('%I.%I', table_schema, table_name))), 0)
                          FROM information_schema.tables WHERE table_schema = 'read_model'""")
                .query(Long.class).single();
        return ("store: %d events of %d customers; domain_event_entry %d bytes an event (table, with TOAST) + %d"
                + " (indexes); the read models %d bytes an event%n").formatted(events, customers,
                store / Math.max(1, events), storeIndexes / Math.max(1, events), views / Math.max(1, events));
    }

    /** CPU ticks used so far by each process alive: each node, and PostgreSQL with its backends. */
    private static Map<String, Long> cpu() {
        Map<String, Long> ticks = new TreeMap<>();
        for (Node node : nodes.values()) {
            if (node.process().isAlive()) {
                ticks.put(node.name(), node.cpuTicks());
            }
        }
        long postmaster = Long.parseLong(readFirstLine(postgres.dataDirectory().resolve("postmaster.pid")));
        ProcessHandle.of(postmaster).ifPresent(server -> {
            // The backends that have exited (a killed node's connections) count in the postmaster's children's time.
            long sum = cpuTicks(server.pid()) + childrenTicks(server.pid());
            sum += server.children().mapToLong(backend -> cpuTicks(backend.pid())).sum();
            ticks.put("postgres", sum);
        });
        return ticks;
    }

    private static String figure(String run, Tally tally, Map<String, Long> before, Map<String, Long> after) {
        long commands = tally.commands.get();
        StringBuilder line = new StringBuilder("%s: %d commands, %d retries (%.1f per 1,000), answers %s; CPU s per 1,000 commands:"
                .formatted(run, commands, tally.retries.get(), tally.retries.get() * 1000.0 / Math.max(1, commands),
                        tally.answers()));
        Map<String, Long> used = new TreeMap<>();
        after.forEach((process, ticks) -> used.merge(process.replaceAll("-\\d+$", ""),
                ticks - before.getOrDefault(process, 0L), Long::sum));
        used.forEach((kind, ticks) -> line.append(" %s %.2f".formatted(kind, ticks / 100.0 * 1000.0 / Math.max(1, commands))));
        return line.append(System.lineSeparator()).toString();
    }

    /** utime + stime of a process, in clock ticks (1/100 s); 0 if it has gone. */
    static long cpuTicks(long pid) {
        return statTicks(pid, 11);
    }

    /** cutime + cstime: the CPU of a process's children that have exited and been waited for. */
    static long childrenTicks(long pid) {
        return statTicks(pid, 13);
    }

    /** Two adjacent fields of /proc/{pid}/stat, counted from the one after the command's name, summed. */
    private static long statTicks(long pid, int field) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[field]) + Long.parseLong(fields[field + 1]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static String readFirstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
