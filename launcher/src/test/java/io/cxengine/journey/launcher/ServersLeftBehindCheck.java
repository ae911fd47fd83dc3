package io.cxengine.journey.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Run by Failsafe after every integration test, in a fork of its own (see the {@code servers-left-behind} execution
 * in this module's pom): no PostgreSQL server that this build started is still running. The build's servers carry a
 * cluster name of their own ({@code journey-it-<build start>}), so a developer's own engine or another build's tests
 * never count. A server left behind fails the build, and is stopped.
 */
class ServersLeftBehindCheck {

    @Test
    @DisplayName("the integration tests left no PostgreSQL server of this build running")
    void noServerLeftBehind() {
        String clusterName = System.getProperty("journey.embedded-postgres.cluster-name");
        assertThat(clusterName).as("the build's cluster name (journey.embedded-postgres.cluster-name)")
                .startsWith("journey-it-");
        String argument = "cluster_name=" + clusterName;
        // A server of the last test fork may still be finishing its shutdown checkpoint.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<ProcessHandle> left = PostgresProcesses.postmastersWith(argument);
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            EngineProcess.sleep(Duration.ofSeconds(1));
            left = PostgresProcesses.postmastersWith(argument);
        }
        if (!left.isEmpty()) {
            String described = left.stream()
                    .map(process -> process.pid() + ": " + String.join(" ", PostgresProcesses.commandLine(process.pid())))
                    .collect(Collectors.joining("\n"));
            left.forEach(process -> PostgresProcesses.signal("INT", List.of(process)));
            left.forEach(process -> {
                if (!PostgresProcesses.awaitExit(process, Duration.ofSeconds(30))) {
                    process.destroyForcibly();
                }
            });
            fail("The integration tests left %d PostgreSQL server(s) running (now stopped):%n%s", left.size(), described);
        }
    }
}
