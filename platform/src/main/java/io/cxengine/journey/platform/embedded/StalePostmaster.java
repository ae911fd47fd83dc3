package io.cxengine.journey.platform.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What an engine that ended without stopping its embedded PostgreSQL ({@code kill -9}, the OOM killer) left behind in
 * the data directory, cleared before a new server starts there. Only ever called by the holder of the directory's
 * {@link DataDirectoryLock}, so no live engine owns what it finds.
 * <ul>
 *     <li>A postmaster still running on this directory (its {@code postmaster.pid} names a live process whose command
 *     line is a {@code postgres} with {@code -D} this directory) is an orphan: it is stopped as {@code pg_ctl stop -m
 *     fast} would (SIGINT: clients disconnected, a shutdown checkpoint), and only if it does not stop in time by
 *     SIGQUIT (immediate: crash recovery at the next start) and last SIGKILL, each signal to that verified process
 *     only.</li>
 *     <li>A {@code postmaster.pid} that names a live process of anything else (the PID was reused) is removed, and
 *     that process left alone; PostgreSQL would otherwise refuse to start, taking it for another postmaster.</li>
 *     <li>A {@code postmaster.pid} of a dead process is left to PostgreSQL, which ignores it and recovers from its
 *     write-ahead log.</li>
 * </ul>
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(60);
    private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(15);

    private StalePostmaster() {
    }

    static void clear(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<Long> pid = pidIn(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            log.info("The embedded PostgreSQL of {} did not stop cleanly (postmaster {} is gone); it recovers from its "
                    + "write-ahead log as it starts", dataDirectory, pid.get());
            return;
        }
        if (!isPostmasterOf(process.get(), dataDirectory)) {
            log.warn("{} names process {}, which is not a PostgreSQL of this directory (its PID was reused): removing "
                    + "the stale file and leaving that process alone", pidFile, pid.get());
            delete(pidFile);
            return;
        }
        log.warn("An embedded PostgreSQL (process {}) is still running on {}, left by an engine that ended without "
                + "stopping it: stopping it before starting a new one", pid.get(), dataDirectory);
        stop(process.get(), dataDirectory);
    }

    /** The PID on the first line of {@code postmaster.pid}, if the file is there and holds one. */
    static Optional<Long> pidIn(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException | NumberFormatException unreadable) {
            log.warn("{} is unreadable ({}); leaving it to PostgreSQL", pidFile, unreadable.toString());
            return Optional.empty();
        }
    }

    /**
     * Whether this process is a postmaster of this data directory: its program is {@code postgres} and its command
     * line names the directory after {@code -D}. A server process's title is rewritten
     * ({@code postgres: journey-engine: checkpointer}), the postmaster's never is.
     */
    static boolean isPostmasterOf(ProcessHandle process, Path dataDirectory) {
        List<String> commandLine = commandLine(process.pid());
        if (commandLine.isEmpty() || !Path.of(commandLine.get(0)).getFileName().toString().equals("postgres")) {
            return false;
        }
        int option = commandLine.indexOf("-D");
        return option >= 0 && option + 1 < commandLine.size()
                && sameDirectory(Path.of(commandLine.get(option + 1)), dataDirectory);
    }

    /** The process's arguments, read from {@code /proc} where there is one (Linux), otherwise from the JDK. */
    private static List<String> commandLine(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            try {
                String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
                return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
            } catch (IOException gone) {
                return List.of();
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::info).flatMap(info -> info.command().map(command -> {
            List<String> line = new java.util.ArrayList<>(List.of(command));
            line.addAll(List.of(info.arguments().orElse(new String[0])));
            return List.copyOf(line);
        })).orElse(List.of());
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static void stop(ProcessHandle postmaster, Path dataDirectory) {
        Instant start = Instant.now();
        if (signal(postmaster, dataDirectory, "INT") && exited(postmaster, FAST_SHUTDOWN)) {
            log.info("Stopped the stale embedded PostgreSQL (process {}) in {} ms", postmaster.pid(),
                    Duration.between(start, Instant.now()).toMillis());
            return;
        }
        log.warn("The stale embedded PostgreSQL (process {}) did not stop within {} s: immediate shutdown",
                postmaster.pid(), FAST_SHUTDOWN.toSeconds());
        if (signal(postmaster, dataDirectory, "QUIT") && exited(postmaster, IMMEDIATE_SHUTDOWN)) {
            return;
        }
        log.warn("The stale embedded PostgreSQL (process {}) ignored SIGQUIT: killing it", postmaster.pid());
        // ProcessHandle checks the process's start time, so a PID reused in between is never hit.
        postmaster.destroyForcibly();
        if (!exited(postmaster, IMMEDIATE_SHUTDOWN)) {
            throw new IllegalStateException("Could not stop the stale embedded PostgreSQL, process " + postmaster.pid()
                    + ", still running on " + dataDirectory);
        }
    }

    /** Sends a signal to the postmaster, after checking again that the PID is still that postmaster's. */
    private static boolean signal(ProcessHandle postmaster, Path dataDirectory, String signal) {
        if (!postmaster.isAlive()) {
            return true;
        }
        if (!isPostmasterOf(postmaster, dataDirectory)) {
            return true;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(postmaster.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return false;
            }
            return kill.exitValue() == 0 || !postmaster.isAlive();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not signal the stale embedded PostgreSQL " + postmaster.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean exited(ProcessHandle process, Duration within) {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the stale " + file, e);
        }
    }
}
