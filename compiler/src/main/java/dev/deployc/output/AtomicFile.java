package dev.deployc.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Writes a file so that readers see the old or the new text, never half: a temporary file renamed over it. */
public final class AtomicFile {

    /**
     * Milliseconds to wait between writing a temporary file and renaming it: only for the test that
     * kills a build mid-write ({@code -Ddeployc.test.holdBeforeRename}); never set in use.
     */
    private static final long HOLD_BEFORE_RENAME = Long.getLong("deployc.test.holdBeforeRename", 0);

    private AtomicFile() {}

    /** @param mode the file's permissions where the file system has them */
    public static void write(Path target, String content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".deployc-tmp");
        try {
            Files.write(temp, content.getBytes(StandardCharsets.UTF_8));
            if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, mode);
            }
            if (HOLD_BEFORE_RENAME > 0) {
                hold();
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void hold() {
        try {
            Thread.sleep(HOLD_BEFORE_RENAME);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
