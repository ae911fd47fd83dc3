package io.cxengine.journey.benchmarks;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Replays journeys over the engine's REST API, as other systems would send them: each customer's requests in order
 * with their {@code Idempotency-Key}s, many customers at once. Shows a progress bar and ends with a summary.
 */
public final class RestLoader {

    private final String baseUrl;
    private final int concurrency;
    private final PrintStream progress;
    private final boolean refusalsExpected;
    private volatile boolean stopped;
    private volatile long interval;
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param refusalsExpected whether a 409 (the journey refused the fact) is part of the load, as in the synthetic
     *                         mix, rather than an error, as in a replay of real data that must be recorded whole
     */
    public RestLoader(String baseUrl, int concurrency, PrintStream progress, boolean refusalsExpected) {
        this.baseUrl = baseUrl.replaceAll("/$", "");
        this.concurrency = concurrency;
        this.progress = progress;
        this.refusalsExpected = refusalsExpected;
    }

    /** What a replay did. */
    public record Summary(long requests, long errors, long refused, double seconds, double requestsPerSecond,
                          double p50Millis, double p90Millis, double p99Millis, Map<Integer, Long> statuses) {

        public String text() {
            return String.format(Locale.ROOT, """
                    requests   %,d in %.1f s (%,.0f requests/s)
                    latency    p50 %.1f ms, p90 %.1f ms, p99 %.1f ms
                    refused    %,d (409: the journey's rules said no)
                    errors     %,d
                    statuses   %s""", requests, seconds, requestsPerSecond, p50Millis, p90Millis, p99Millis, refused,
                    errors, statuses);
        }
    }

    /** Sends every journey: one worker per concurrent client, each journey's steps in order. */
    public Summary replay(List<List<UciJourneys.Step>> journeys) throws InterruptedException {
        return replay(journeys.size(), journeys::get, journeys.stream().mapToLong(List::size).sum());
    }

    /**
     * Sends {@code count} journeys made on demand (so that millions of requests need not be held at once): one
     * worker per concurrent client, each journey's steps in order.
     */
    public Summary replay(int count, IntFunction<List<UciJourneys.Step>> journeys, long total)
            throws InterruptedException {
        Latencies latencies = new Latencies((int) Math.min(1 << 20, total));
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            clients.submit(() -> {
                for (int j = next.getAndIncrement(); j < count && !stopped; j = next.getAndIncrement()) {
                    for (UciJourneys.Step step : journeys.apply(j)) {
                        if (interval > 0) {
                            long slot = nextSlot.getAndAdd(interval);
                            long wait = slot - System.nanoTime();
                            if (wait > 0) {
                                try {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    return;
                                }
                            }
                        }
                        long t = System.nanoTime();
                        int status = send(step);
                        synchronized (latencies) {
                            latencies.add(System.nanoTime() - t);
                        }
                        statuses.merge(status, 1L, Long::sum);
                        if (status == 409 && refusalsExpected) {
                            refused.incrementAndGet();
                        } else if (status < 200 || status > 299) {
                            errors.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                }
            });
        }
        clients.shutdown();
        while (!clients.awaitTermination(500, TimeUnit.MILLISECONDS)) {
            bar(done.get(), total, errors.get(), started);
        }
        bar(done.get(), total, errors.get(), started);
        progress.println();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Summary(done.get(), errors.get(), refused.get(), seconds, done.get() / seconds, latencies.percentile(50),
                latencies.percentile(90), latencies.percentile(99), Map.copyOf(statuses));
    }

    /** Holds all clients together to at most {@code requestsPerSecond}, rather than as fast as they can. */
    public RestLoader paced(double requestsPerSecond) {
        interval = (long) (1e9 / requestsPerSecond);
        return this;
    }

    /** Lets every client finish the journey it is sending, then end the replay. */
    public void stop() {
        stopped = true;
    }

    private int send(UciJourneys.Step step) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + step.path()))
                    .header("Authorization", Bearer.header())
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", step.idempotencyKey())
                    .header("User-Agent", "journey-load-tool")
                    .POST(HttpRequest.BodyPublishers.ofString(step.body()))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private void bar(long done, long total, long errors, long started) {
        int width = 40;
        int filled = total == 0 ? width : (int) (width * done / total);
        double rate = done / Math.max(0.001, (System.nanoTime() - started) / 1e9);
        progress.printf(Locale.ROOT, "\r[%s%s] %3d%% %,d/%,d requests  %,.0f/s  errors %,d", "#".repeat(filled),
                ".".repeat(width - filled), total == 0 ? 100 : done * 100 / total, done, total, rate, errors);
        progress.flush();
    }
}
