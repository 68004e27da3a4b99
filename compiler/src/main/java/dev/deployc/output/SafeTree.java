package dev.deployc.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Files under an output directory, by relative path, never through a symbolic link: every
 * component of a path is looked at without following links before anything is read, written or
 * deleted there, and files are opened with {@code O_NOFOLLOW}.
 */
final class SafeTree {

    enum Kind { MISSING, FILE, DIRECTORY, LINK, OTHER }

    /** A path whose directories pass through a symbolic link or something that is not a directory. */
    static final class ThroughLinkException extends IOException {
        private static final long serialVersionUID = 1L;

        ThroughLinkException(String message) {
            super(message);
        }
    }

    /** The temporary files {@link AtomicFile} makes: {@code .<name>.<digits>.deployc-tmp}. */
    static final Pattern LEFTOVER = Pattern.compile("\\..+\\.[0-9]+\\.deployc-tmp");

    private final Path root;

    SafeTree(Path root) {
        this.root = root;
    }

    Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** What is at {@code relative}, having made sure that none of the directories above it is a link. */
    Kind kind(String relative) throws IOException {
        String[] parts = relative.split("/");
        Path p = root;
        for (int i = 0; i < parts.length; i++) {
            p = p.resolve(parts[i]);
            Kind k = kindOf(p);
            if (i == parts.length - 1 || k == Kind.MISSING) return i == parts.length - 1 ? k : Kind.MISSING;
            if (k == Kind.LINK) throw new ThroughLinkException("`" + p + "` is a symbolic link");
            if (k != Kind.DIRECTORY) throw new ThroughLinkException("`" + p + "` is not a directory");
        }
        return Kind.MISSING;
    }

    private static Kind kindOf(Path p) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Kind.MISSING;
        }
        if (a.isSymbolicLink()) return Kind.LINK;
        if (a.isDirectory()) return Kind.DIRECTORY;
        return a.isRegularFile() ? Kind.FILE : Kind.OTHER;
    }

    /** The text of a regular file; empty when nothing is there. Anything else there is an error. */
    Optional<String> read(String relative) throws IOException {
        Kind k = kind(relative);
        if (k == Kind.MISSING) return Optional.empty();
        if (k != Kind.FILE) throw new ThroughLinkException("`" + resolve(relative) + "` is " + describe(k) + ", not a file");
        try (SeekableByteChannel ch = Files.newByteChannel(resolve(relative), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                InputStream in = Channels.newInputStream(ch)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    static String describe(Kind k) {
        return switch (k) {
            case LINK -> "a symbolic link";
            case DIRECTORY -> "a directory";
            case OTHER -> "a special file";
            default -> "a file";
        };
    }

    /** Creates the directories of {@code relativeFile} one by one, refusing any that is a link. */
    void makeParents(String relativeFile) throws IOException {
        int slash = relativeFile.lastIndexOf('/');
        if (slash < 0) return;
        String[] parts = relativeFile.substring(0, slash).split("/");
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
            Kind k = kindOf(p);
            if (k == Kind.MISSING) {
                try {
                    Files.createDirectory(p);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    k = kindOf(p);
                    if (k != Kind.DIRECTORY) throw new ThroughLinkException("`" + p + "` is " + describe(k) + ", not a directory");
                }
            } else if (k != Kind.DIRECTORY) {
                throw new ThroughLinkException("`" + p + "` is " + describe(k) + ", not a directory");
            }
        }
    }

    /** Deletes a regular file only when its content still has {@code hash}; says whether it did. */
    boolean deleteIfUnchanged(String relative, String hash) throws IOException {
        Optional<String> now = kind(relative) == Kind.FILE ? read(relative) : Optional.empty();
        if (now.isEmpty() || !Manifest.hash(now.get()).equals(hash)) return false;
        Files.delete(resolve(relative));
        return true;
    }

    /** Removes the directories above {@code relativeFile} that are now empty, up to (not including) the root. */
    void removeEmptyParents(String relativeFile) throws IOException {
        String dir = relativeFile;
        for (int slash = dir.lastIndexOf('/'); slash > 0; slash = dir.lastIndexOf('/')) {
            dir = dir.substring(0, slash);
            if (kind(dir) != Kind.DIRECTORY) return;
            try {
                Files.delete(resolve(dir));
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    /** Deletes deployc's own temporary files left in {@code relativeDir} by a build that was killed; nothing else. */
    int removeLeftovers(String relativeDir) throws IOException {
        Path dir = relativeDir.isEmpty() ? root : resolve(relativeDir);
        if (!relativeDir.isEmpty() && kind(relativeDir) != Kind.DIRECTORY) return 0;
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (LEFTOVER.matcher(p.getFileName().toString()).matches() && kindOf(p) == Kind.FILE) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            return removed;
        }
        return removed;
    }
}
