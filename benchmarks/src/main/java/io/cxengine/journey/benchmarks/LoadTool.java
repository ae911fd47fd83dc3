package io.cxengine.journey.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.command.customer.CustomerCommand;
import io.cxengine.journey.platform.keys.KeyEncryptionKey;
import io.cxengine.journey.platform.keys.KeySettings;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The load tool: replays journeys over a running engine's REST API, with {@code Idempotency-Key}s, at a chosen
 * concurrency; shows a progress bar and ends with a summary (throughput, latency p50/p90/p99, refusals, errors).
 * Two sources. The UCI Online Retail transactions (the file is not shipped; see its README), optionally followed by
 * a check of every customer's profile and lost accounts against the CSV:
 * <pre>
 * java -cp benchmarks/target/benchmarks-*-exec.jar -Dloader.main=io.cxengine.journey.benchmarks.LoadTool \
 *      org.springframework.boot.loader.launch.PropertiesLauncher \
 *      --file=../shared/datasets/online-retail-uci/online_retail_2010-12-01_2011-12-09.csv \
 *      --url=http://localhost:8080 --concurrency=16 [--customers=500] [--check | --check-only]
 * </pre>
 * The check matches lost accounts, which name customers by pseudonym, through the engine's key: it reads it as the
 * engine does ({@code JOURNEY_KEYS_KEK}, {@code JOURNEY_KEYS_KEK_FILE}, or {@code --keys-directory}, default
 * {@code data/keys}), so it runs beside the engine it checks.
 * Or the seeded synthetic generator, at any scale ({@code --customers} journeys of {@code --commands-per-customer}
 * commands each, made on demand):
 * <pre>
 * … LoadTool --synthetic --customers=10000 --commands-per-customer=20 --seed=1 --url=http://localhost:8080 --concurrency=16
 * </pre>
 * Exits non-zero on any error (or disagreement).
 */
public final class LoadTool {

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        String url = option(args, "url", "http://localhost:8080");
        int concurrency = Integer.parseInt(option(args, "concurrency", "16"));
        boolean failed;
        if (flag(args, "synthetic")) {
            RestLoader.Summary summary = synthetic(url, concurrency, Long.parseLong(option(args, "seed", "1")),
                    Integer.parseInt(option(args, "customers", "1000")),
                    Integer.parseInt(option(args, "commands-per-customer", "20")));
            System.out.println(summary.text());
            failed = summary.errors() > 0;
        } else {
            Path file = Path.of(option(args, "file", null));
            int customers = Integer.parseInt(option(args, "customers", String.valueOf(Integer.MAX_VALUE)));
            failed = false;
            if (!flag(args, "check-only")) {
                RestLoader.Summary summary = replay(file, url, concurrency, customers, LOST_AFTER);
                System.out.println(summary.text());
                failed = summary.errors() > 0;
            }
            if (flag(args, "check") || flag(args, "check-only")) {
                Pseudonyms pseudonyms = new Pseudonyms(KeyEncryptionKey.load(new KeySettings(
                        Path.of(option(args, "keys-directory", "data/keys")), System.getenv("JOURNEY_KEYS_KEK"),
                        System.getenv("JOURNEY_KEYS_KEK_FILE") == null ? null : Path.of(System.getenv("JOURNEY_KEYS_KEK_FILE")),
                        false, null, null), false));
                UciCheck.Result result = new UciCheck(url, id -> pseudonyms.of(id).value())
                        .check(file, LOST_AFTER, head(url), customers);
                System.out.println(result.text());
                failed |= !result.disagreements().isEmpty();
            }
        }
        System.exit(failed ? 1 : 0);
    }

    /** 90 days without an order: the account is lost ({@code INDIFFERENCE}). */
    static final Duration LOST_AFTER = Duration.ofDays(90);

    /** Replays the first {@code customers} customers of the file (in customer-number order). */
    public static RestLoader.Summary replay(Path file, String url, int concurrency, int customers, Duration lostAfter)
            throws Exception {
        Map<String, List<UciJourneys.Invoice>> invoices = UciJourneys.invoices(file);
        Instant dataEnd = invoices.values().stream().flatMap(List::stream).map(UciJourneys.Invoice::at)
                .max(Comparator.naturalOrder()).orElseThrow();
        List<List<UciJourneys.Step>> journeys = new ArrayList<>();
        invoices.entrySet().stream().limit(customers).forEach(customer -> journeys.add(
                UciJourneys.journey(customer.getKey(), customer.getValue(), dataEnd, lostAfter)));
        System.err.printf("Replaying %,d customers (%,d requests) from %s to %s with %d clients%n", journeys.size(),
                journeys.stream().mapToLong(List::size).sum(), file.getFileName(), url, concurrency);
        return new RestLoader(url, concurrency, System.err, false).replay(journeys);
    }

    /** Sends {@code customers} synthetic journeys of {@code length} commands each; 409 refusals are part of the mix. */
    public static RestLoader.Summary synthetic(String url, int concurrency, long seed, int customers, int length)
            throws InterruptedException {
        System.err.printf("Sending %,d synthetic journeys of %d commands (seed %d) to %s with %d clients%n", customers,
                length, seed, url, concurrency);
        return new RestLoader(url, concurrency, System.err, true)
                .replay(customers, syntheticJourneys(seed, length), (long) customers * length);
    }

    /** Synthetic journey {@code index} of the seed as REST requests, made when asked for. */
    static IntFunction<List<UciJourneys.Step>> syntheticJourneys(long seed, int length) {
        return index -> {
            List<UciJourneys.Step> steps = new ArrayList<>(length);
            List<CustomerCommand> commands = JourneyGenerator.journey(seed, index, length);
            for (int i = 0; i < commands.size(); i++) {
                steps.add(CommandRequests.of(commands.get(i), "synthetic-%d-%d-%d".formatted(seed, index, i)));
            }
            return steps;
        };
    }

    /** The engine's head position, which every view must have reached before it is checked. */
    static long head(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url.replaceAll("/$", "") + "/admin/projections"))
                        .header("Authorization", Bearer.header()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body()).get(0).get("head").asLong();
    }

    static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException("--" + name + "=… is required");
        }
        return fallback;
    }

    static boolean flag(String[] args, String name) {
        return List.of(args).contains("--" + name);
    }
}
