package io.cxengine.journey.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The engine's claim on a data directory of the embedded PostgreSQL: an operating-system lock on a file beside it
 * ({@code data/postgres.lock}; inside would keep {@code initdb} from a directory it needs empty), held as long as the
 * engine runs. The operating system releases it when the engine's process ends, however it ends ({@code kill -9}
 * included), so a lock that cannot be taken means a live engine, never a crashed one.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static Path fileOf(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock");
    }

    /** Takes the lock, or refuses with a message that says which engine has it and what to do. */
    static DataDirectoryLock acquire(Path dataDirectory) {
        Path file = fileOf(dataDirectory);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException inThisProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new IllegalStateException(("The embedded PostgreSQL's data directory %s is in use by another "
                        + "running engine%s (it holds %s). Stop that engine first, or give this one a data directory "
                        + "of its own (JOURNEY_EMBEDDED_POSTGRES_DATA_DIRECTORY).")
                        .formatted(dataDirectory, holder.isEmpty() ? "" : ", process " + holder, file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new DataDirectoryLock(file, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + file, e);
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(32);
        channel.read(content, 0);
        return new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).trim();
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
