package io.cxengine.journey.platform.embedded;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a killed engine left in its data directory is cleared without ever touching a process that is not its server. */
class StalePostmasterTest {

    @TempDir
    Path data;

    @Test
    @DisplayName("a postmaster.pid naming a live process that is no PostgreSQL (a reused PID) is removed, the process left alone")
    void reusedPid() throws Exception {
        ProcessHandle foreign = ProcessHandle.current();
        Files.writeString(data.resolve("postmaster.pid"), foreign.pid() + "\n" + data + "\n");

        StalePostmaster.clear(data);

        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        assertThat(foreign.isAlive()).isTrue();
    }

    @Test
    @DisplayName("a postmaster.pid of a process that is gone is left to PostgreSQL's own recovery")
    void deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(data.resolve("postmaster.pid"), gone.pid() + "\n" + data + "\n");

        StalePostmaster.clear(data);

        assertThat(data.resolve("postmaster.pid")).exists();
    }

    @Test
    @DisplayName("a process is a postmaster of a directory only if it is a postgres with -D that directory")
    void verification() {
        assertThat(StalePostmaster.isPostmasterOf(ProcessHandle.current(), data)).isFalse();
    }

    @Test
    @DisplayName("while one holder has a data directory's lock, another is refused, naming the holder")
    void lock() throws Exception {
        Path directory = data.resolve("postgres");
        try (DataDirectoryLock held = DataDirectoryLock.acquire(directory)) {
            assertThat(held.file()).isEqualTo(data.resolve("postgres.lock"));
            assertThatThrownBy(() -> DataDirectoryLock.acquire(directory))
                    .hasMessageContaining("in use by another running engine")
                    .hasMessageContaining(Long.toString(ProcessHandle.current().pid()));
        }
        DataDirectoryLock.acquire(directory).close();
    }
}
