package io.cxengine.journey.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What a test of the engine as an operating-system process starts from: a working directory of its own, whose
 * embedded PostgreSQL (under {@code data/postgres}) no test leaves running, however the engine ended.
 */
abstract class EngineProcesses {

    @TempDir
    Path workingDirectory;

    /** The embedded PostgreSQL's data directory of the engines this test starts. */
    Path data() {
        return workingDirectory.resolve("data/postgres");
    }

    @AfterEach
    void noServerLeft() {
        PostgresProcesses.stop(data());
    }
}
