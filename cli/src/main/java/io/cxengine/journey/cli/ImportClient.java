package io.cxengine.journey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a file of commands to an engine's {@code POST /imports} under one import id, drawing a progress bar from the
 * bytes sent and the engine's own count of lines done ({@code GET /imports/{id}}). A send that fails (the connection
 * lost, the engine restarting, a 5xx) is repeated with the same file and id: the engine skips the lines it has done.
 */
public final class ImportClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BAR = 30;

    private final URI url;
    private final String token;
    private final Duration pause;
    private final PrintStream progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param url      the engine, e.g. {@code http://localhost:8080}
     * @param token    a bearer token with scope {@code journey.write}
     * @param pause    how long to wait before sending again after a failure
     * @param progress where the progress bar is drawn (standard error on a terminal)
     */
    public ImportClient(URI url, String token, Duration pause, PrintStream progress) {
        this.url = url;
        this.token = token;
        this.pause = pause;
        this.progress = progress;
    }

    /** How an import ended: the engine's final report, or why it did not finish. */
    public record Result(UUID importId, boolean finished, long lines, long commands, long facts, long refusals,
                         List<String> refusedLines, String failure, Duration took, int attempts) {

        public String text() {
            StringBuilder text = new StringBuilder();
            if (finished) {
                text.append(String.format(Locale.ROOT, "Import %s finished in %s (%d attempt%s): %,d lines, %,d "
                                + "commands, %,d facts, %,d refused (%,.0f lines/s)%n", importId, took, attempts,
                        attempts == 1 ? "" : "s", lines, commands, facts, refusals,
                        lines / Math.max(0.001, took.toMillis() / 1000.0)));
            } else {
                text.append(String.format(Locale.ROOT, "Import %s did not finish after %d attempt%s: %s%n"
                                + "%,d lines done; send the same file with --import-id=%s to go on%n", importId, attempts,
                        attempts == 1 ? "" : "s", failure, lines, importId));
            }
            refusedLines.forEach(line -> text.append("  refused ").append(line).append('\n'));
            if (refusals > refusedLines.size()) {
                text.append(String.format(Locale.ROOT, "  … and %,d more: GET /imports/%s?afterLine=…%n",
                        refusals - refusedLines.size(), importId));
            }
            return text.toString();
        }
    }

    /** Sends the file under {@code importId}, at most {@code attempts} times; lists up to {@code listed} refusals. */
    public Result send(Path file, UUID importId, int attempts, int listed) throws IOException, InterruptedException {
        long size = Files.size(file);
        Instant began = Instant.now();
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService drawing = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "import-progress");
            thread.setDaemon(true);
            return thread;
        });
        long[] done = new long[2];
        drawing.scheduleAtFixedRate(() -> draw(importId, size, sent.get(), done, began), 500, 500,
                TimeUnit.MILLISECONDS);
        String failure = null;
        int attempt = 0;
        try {
            while (attempt < attempts) {
                attempt++;
                sent.set(0);
                HttpResponse<String> answer;
                try {
                    answer = http.send(HttpRequest.newBuilder(url.resolve("/imports"))
                                    .header("Content-Type", "application/x-ndjson")
                                    .header("Accept", "application/json")
                                    .header("Authorization", "Bearer " + token)
                                    .header("Import-Id", importId.toString())
                                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> counted(file, sent)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException lost) {
                    failure = "the connection failed: " + lost;
                    Thread.sleep(pause.toMillis());
                    continue;
                }
                JsonNode body = json(answer.body());
                if (answer.statusCode() == 200 || answer.statusCode() == 201) {
                    drawing.shutdownNow();
                    progress.println();
                    return finished(importId, body, listed, Duration.between(began, Instant.now()), attempt);
                }
                failure = answer.statusCode() + " " + body.path("title").asText("") + ": "
                        + body.path("detail").asText(answer.body());
                if (!worthAnotherAttempt(answer.statusCode(), body.path("type").asText(""))) {
                    break;
                }
                Thread.sleep(pause.toMillis());
            }
        } finally {
            drawing.shutdownNow();
        }
        progress.println();
        JsonNode report = report(importId);
        return new Result(importId, false, report.path("lines").asLong(), report.path("commands").asLong(),
                report.path("facts").asLong(), report.path("refusals").asLong(), List.of(), failure,
                Duration.between(began, Instant.now()), attempt);
    }

    /** Another attempt can help after a lost connection, a server error, a busy import or a broken-off body. */
    private static boolean worthAnotherAttempt(int status, String type) {
        return status >= 500 || status == 429 || type.endsWith("/import-running") || type.endsWith("/import-broken-off");
    }

    private Result finished(UUID importId, JsonNode report, int listed, Duration took, int attempts)
            throws IOException, InterruptedException {
        List<String> refused = new ArrayList<>();
        long after = 0;
        while (refused.size() < listed && refused.size() < report.path("refusals").asLong()) {
            JsonNode page = get("/imports/%s?afterLine=%d&limit=%d".formatted(importId, after,
                    Math.min(1000, listed - refused.size())));
            JsonNode lines = page.path("refusedLines");
            if (lines.isEmpty()) {
                break;
            }
            for (JsonNode line : lines) {
                refused.add("line %d: %s".formatted(line.path("line").asLong(), line.at("/problem/detail").asText()));
                after = line.path("line").asLong();
            }
        }
        return new Result(importId, report.path("state").asText().equals("FINISHED"), report.path("lines").asLong(),
                report.path("commands").asLong(), report.path("facts").asLong(), report.path("refusals").asLong(),
                refused, null, took, attempts);
    }

    private void draw(UUID importId, long size, long sent, long[] done, Instant began) {
        try {
            JsonNode report = report(importId);
            if (report.has("lines")) {
                done[0] = report.path("lines").asLong();
                done[1] = report.path("facts").asLong();
            }
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // The engine may be restarting; the bar shows what is known.
        }
        double share = size == 0 ? 1 : Math.min(1, (double) sent / size);
        int filled = (int) Math.round(share * BAR);
        double seconds = Math.max(0.001, Duration.between(began, Instant.now()).toMillis() / 1000.0);
        progress.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %,d/%,d bytes  %,d lines done  %,d facts  %,.0f lines/s ",
                "#".repeat(filled), ".".repeat(BAR - filled), share * 100, sent, size, done[0], done[1],
                done[0] / seconds);
        progress.flush();
    }

    private JsonNode report(UUID importId) throws IOException, InterruptedException {
        return get("/imports/" + importId);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url.resolve(path))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return json(answer.body());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException notJson) {
            return JSON.createObjectNode().put("detail", body);
        }
    }

    private static InputStream counted(Path file, AtomicLong sent) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                @Override
                public int read() throws IOException {
                    int read = super.read();
                    if (read >= 0) {
                        sent.incrementAndGet();
                    }
                    return read;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    if (read > 0) {
                        sent.addAndGet(read);
                    }
                    return read;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
