package io.cxengine.journey.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One scenario's figures as a Markdown table row, appended to {@code target/faults/report.md} (the tables of
 * docs/reliability.md are copied from it) and printed.
 */
final class FaultReport {

    static final Path DIRECTORY = Path.of("target/faults");
    static final String HEADER = """
            | scenario | load | faults injected | acknowledged | refused | indeterminate (recorded) | lost | dup | phantom | gaps | wrong receipts | drift | dead letters | 500s | 503s | unanswered | recovery | views caught up |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            """;

    private FaultReport() {
    }

    static String row(String scenario, String load, String faults, FaultCheck.Figures figures, RequestLog log,
                      List<Duration> recoveries) {
        String recovery = recoveries.isEmpty() ? "–" : recoveries.stream()
                .map(duration -> "%.1f s".formatted(duration.toMillis() / 1000.0)).collect(Collectors.joining(", "));
        String row = ("| %s | %s | %s | %d | %d | %d (%d) | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s "
                + "| %.1f s |").formatted(
                scenario, load, faults, figures.acknowledged(), figures.refused(), figures.indeterminate(),
                figures.indeterminateRecorded(), figures.lost(), figures.dup(), figures.phantom(), figures.gaps(),
                figures.wrongReceipts(), figures.drift(), figures.deadLetters(), log.serverErrors(), log.unavailable(),
                log.unanswered(), recovery, figures.catchUp().toMillis() / 1000.0);
        write(row);
        return row;
    }

    static void write(String line) {
        try {
            Files.createDirectories(DIRECTORY);
            Path report = DIRECTORY.resolve("report.md");
            if (!Files.exists(report)) {
                Files.writeString(report, "Fault scenarios, " + Instant.now() + "\n\n" + HEADER, StandardCharsets.UTF_8);
            }
            Files.writeString(report, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("FAULTS " + line);
    }

    /** From a fault to the first acknowledgement of a request sent after it. */
    static Duration recovery(RequestLog log, long faultMillis) {
        return log.requests().stream().flatMap(request -> request.acknowledged().stream())
                .filter(answer -> answer.startMillis() >= faultMillis)
                .mapToLong(RequestLog.Attempt::endMillis).min()
                .stream().mapToObj(end -> Duration.ofMillis(end - faultMillis)).findFirst()
                .orElse(Duration.ofDays(1));
    }
}
