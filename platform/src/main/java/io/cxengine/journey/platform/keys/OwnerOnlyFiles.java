package io.cxengine.journey.platform.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Secrets on disk: readable by their owner alone, written once, never replaced by a second writer. */
public final class OwnerOnlyFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {
    }

    /**
     * The file's bytes; if it does not exist yet, it is created with the supplied content, owner-only. Two processes
     * creating it at once agree on one content: the second one's link fails and it reads the first one's.
     */
    public static byte[] readOrCreate(Path file, Supplier<byte[]> content) {
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            if (POSIX) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
            Path draft = Files.createTempFile(directory, "." + file.getFileName(), ".draft");
            try {
                if (POSIX) {
                    Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
                }
                Files.write(draft, content.get());
                Files.createLink(file, draft); // Atomic: fails if another process created the file meanwhile.
            } catch (FileAlreadyExistsException lost) {
                // Someone else's key won: use theirs.
            } finally {
                Files.deleteIfExists(draft);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the secret " + file, e);
        }
    }
}
