package io.cxengine.journey.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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

/**
 * The engine as its own operating-system process, started as the README's run command starts it (the launcher's main
 * class, on the test's class path), so that a test can kill it as {@code kill -9} does.
 */
final class EngineProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private EngineProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts an engine on this data directory and waits until it answers. */
    static EngineProcess start(Path dataDirectory, Path log) {
        return start(dataDirectory, log, freePort());
    }

    /**
     * Starts an engine on this data directory, serving on this port (so that clients find it again after a restart),
     * with these further arguments, and waits until it answers.
     */
    static EngineProcess start(Path dataDirectory, Path log, int port, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path")));
        String clusterName = System.getProperty("journey.embedded-postgres.cluster-name");
        if (clusterName != null) {
            command.add("-Djourney.embedded-postgres.cluster-name=" + clusterName);
        }
        command.addAll(List.of(JourneyEngineApplication.class.getName(),
                "--server.port=" + port,
                "--journey.embedded-postgres.ephemeral=false",
                "--journey.embedded-postgres.data-directory=" + dataDirectory.toAbsolutePath(),
                "--journey.keys.directory=" + Api.KEYS.toAbsolutePath()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            EngineProcess engine = new EngineProcess(process, port, log);
            engine.awaitReady(Duration.ofSeconds(180));
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration within) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The engine exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        process.destroyForcibly();
        throw new IllegalStateException("The engine did not answer within " + within + ":\n" + logTail());
    }

    int port() {
        return port;
    }

    Api api() {
        return new Api(port);
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** {@code kill -9}: the process ends at once, running no shutdown hook. */
    void kill() {
        process.destroyForcibly();
        PostgresProcesses.awaitExit(process.toHandle(), Duration.ofSeconds(30));
    }

    /** {@code kill} (SIGTERM): the engine shuts down as an operator stops it; whether it ended in time. */
    boolean stop(Duration within) {
        process.destroy();
        return PostgresProcesses.awaitExit(process.toHandle(), within);
    }

    /** Everything the engine logged. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            PostgresProcesses.awaitExit(process.toHandle(), Duration.ofSeconds(30));
        }
    }

    /**
     * A port free now, below Linux's ephemeral range (32768 and up by default), from which the system hands out the
     * ports asked for as 0 (Spring's random port, the embedded PostgreSQL's, the browser driver's, every outgoing
     * connection): an engine killed and started again on its port, while other tests run beside it, finds it still
     * free.
     */
    static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another one
            }
        }
        throw new UncheckedIOException(new IOException("No free port between 20000 and 32000 in 100 attempts"));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
