package io.cxengine.journey.launcher;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault harness's log of every request a writer sent: one line per attempt (idempotency key, customer, payload
 * hash, start, end, outcome, status, and the receipt's version and position), written to a file as it happens, so that
 * what the clients were told can be set against what the database holds after the run ({@link FaultCheck}).
 */
final class RequestLog implements AutoCloseable {

    /** What one attempt told its client. */
    enum Outcome {
        /** A 2xx: the fact is acknowledged. */
        OK,
        /** Refused for certain (a 4xx, a connection never made, a write the engine rolled back): nothing recorded. */
        FAILED,
        /** No answer, or one that cannot say (a broken connection, a 5xx, the database unavailable mid-write). */
        INDETERMINATE
    }

    record Attempt(String key, String customer, String payloadHash, long startMillis, long endMillis, Outcome outcome,
                   int status, Long version, Long position, String detail) {

        String line() {
            return String.join("\t", key, customer, payloadHash, Long.toString(startMillis), Long.toString(endMillis),
                    outcome.name(), Integer.toString(status), String.valueOf(version), String.valueOf(position),
                    detail.replaceAll("\\s+", " "));
        }
    }

    /** What a key's attempts add up to: acknowledged if one was; failed if every one was refused for certain. */
    record Request(String key, String customer, List<Attempt> attempts) {

        Outcome outcome() {
            if (attempts.stream().anyMatch(attempt -> attempt.outcome() == Outcome.OK)) {
                return Outcome.OK;
            }
            return attempts.stream().allMatch(attempt -> attempt.outcome() == Outcome.FAILED)
                    ? Outcome.FAILED : Outcome.INDETERMINATE;
        }

        List<Attempt> acknowledged() {
            return attempts.stream().filter(attempt -> attempt.outcome() == Outcome.OK).toList();
        }
    }

    private final Path file;
    private final BufferedWriter out;
    private final Map<String, Request> requests = new LinkedHashMap<>();

    RequestLog(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write("# key\tcustomer\tpayload-sha256\tstart-ms\tend-ms\toutcome\tstatus\tversion\tposition\tdetail\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void write(Attempt attempt) {
        requests.computeIfAbsent(attempt.key(), key -> new Request(key, attempt.customer(), new ArrayList<>()))
                .attempts().add(attempt);
        try {
            out.write(attempt.line());
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized Collection<Request> requests() {
        return List.copyOf(requests.values());
    }

    synchronized long attempts() {
        return requests.values().stream().mapToLong(request -> request.attempts().size()).sum();
    }

    synchronized long count(Outcome outcome) {
        return requests.values().stream().filter(request -> request.outcome() == outcome).count();
    }

    /** Answers with a 5xx status other than 503: failures of the engine, never expected. */
    synchronized long serverErrors() {
        return countAttempts(attempt -> attempt.status() >= 500 && attempt.status() != 503);
    }

    /** 503 answers (the database or the access log unavailable, a write past its bound): expected under faults. */
    synchronized long unavailable() {
        return countAttempts(attempt -> attempt.status() == 503);
    }

    /** Attempts that reached an engine and got no HTTP answer (the connection broke, the answer timed out). */
    synchronized long unanswered() {
        return countAttempts(attempt -> attempt.status() == 0 && attempt.outcome() == Outcome.INDETERMINATE);
    }

    /** Answers of this status whose problem type ends with {@code problemType}. */
    synchronized long answered(int status, String problemType) {
        return countAttempts(attempt -> attempt.status() == status && attempt.detail() != null
                && attempt.detail().endsWith(problemType));
    }

    private long countAttempts(java.util.function.Predicate<Attempt> which) {
        return requests.values().stream().flatMap(request -> request.attempts().stream()).filter(which).count();
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
