package dev.deployc.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One writer per output directory: an exclusive lock on {@code DIR/.deployc-lock}, held from the
 * plan to the last write. A second build waits for it, and after the timeout gives up with a clear
 * message. The lock file stays (deleting it would let a third build lock a different file).
 */
public final class OutputLock implements AutoCloseable {

    public static final String FILE_NAME = ".deployc-lock";
    /** How long a build waits for another; {@code DEPLOYC_LOCK_TIMEOUT} (seconds) overrides it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static Duration timeoutFromEnvironment() {
        String s = System.getenv("DEPLOYC_LOCK_TIMEOUT");
        try {
            return s == null ? DEFAULT_TIMEOUT : Duration.ofMillis((long) (Double.parseDouble(s) * 1000));
        } catch (NumberFormatException e) {
            return DEFAULT_TIMEOUT;
        }
    }

    /** Locks {@code dir} (creating it), waiting up to {@code timeout} for another deployc to finish. */
    public static OutputLock acquire(Path dir, Duration timeout) throws IOException, OutputTree.ConflictException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        try {
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) return new OutputLock(channel, lock);
                if (System.nanoTime() > deadline) {
                    throw new OutputTree.ConflictException("another deployc is writing to `" + dir + "` and has not finished after "
                            + timeout.toSeconds() + " s; nothing was changed. Run this again when it is done "
                            + "(DEPLOYC_LOCK_TIMEOUT sets how many seconds to wait)");
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new IOException("interrupted while waiting for the lock on `" + dir + "`");
        } catch (IOException | OutputTree.ConflictException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another thread of this JVM holds it
        }
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
