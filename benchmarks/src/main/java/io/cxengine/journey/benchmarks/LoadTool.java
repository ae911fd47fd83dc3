package io.cxengine.journey.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The load tool: replays the UCI Online Retail transactions over a running engine's REST API.
 * <pre>
 * java -cp benchmarks/target/benchmarks-*-exec.jar -Dloader.main=io.cxengine.journey.benchmarks.LoadTool \
 *      org.springframework.boot.loader.launch.PropertiesLauncher \
 *      --file=../shared/datasets/online-retail-uci/online_retail_2010-12-01_2011-12-09.csv \
 *      --url=http://localhost:8080 --concurrency=16 [--customers=500]
 * </pre>
 */
public final class LoadTool {

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(option(args, "file", null));
        String url = option(args, "url", "http://localhost:8080");
        int concurrency = Integer.parseInt(option(args, "concurrency", "16"));
        int customers = Integer.parseInt(option(args, "customers", String.valueOf(Integer.MAX_VALUE)));
        RestLoader.Summary summary = replay(file, url, concurrency, customers, Duration.ofDays(90));
        System.out.println(summary.text());
        System.exit(summary.errors() == 0 ? 0 : 1);
    }

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
        return new RestLoader(url, concurrency, System.err).replay(journeys);
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
}
