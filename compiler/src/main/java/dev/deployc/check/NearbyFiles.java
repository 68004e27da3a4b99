package dev.deployc.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file a spec names relative to itself, such as a canary's host inventory. Such a file is
 * untrusted input: it must be a regular file of at most {@link #MAX_BYTES} inside the spec's
 * repository (symbolic links resolved), and UTF-8 text.
 */
@FunctionalInterface
public interface NearbyFiles {

    /** The largest file read: far more than any host list, far less than memory. */
    int MAX_BYTES = 1 << 20;

    String read(String relativePath) throws IOException;

    /** Why a file was not read, in words that complete "inventory `x` …". */
    final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    /** For specs that have no directory (text given in memory): every file is missing. */
    static NearbyFiles none() {
        return path -> {
            throw new NoSuchFileException(path);
        };
    }

    /** Files next to a spec, none outside {@code directory}. */
    static NearbyFiles in(Path directory) {
        return in(directory, directory);
    }

    /** Files relative to {@code directory}, none outside {@code repository} (the spec's git work tree). */
    static NearbyFiles in(Path directory, Path repository) {
        return new Within(directory, repository);
    }

    /** Files relative to {@code directory}, none outside {@code repository}; see {@link #in(Path, Path)}. */
    record Within(Path directory, Path repository) implements NearbyFiles {
        @Override
        public String read(String relativePath) throws IOException {
            return NearbyFiles.read(directory.toAbsolutePath().normalize(), repository.toAbsolutePath().normalize(), relativePath);
        }
    }

    private static String read(Path directory, Path repository, String path) throws IOException {
        boolean control = false;
        for (int i = 0; i < path.length(); i++) {
            control |= path.charAt(i) < 0x20;
        }
        if (path.startsWith("/") || path.contains("\\") || control) {
            throw new Refused("must be a path relative to the spec");
        }
        Path file = directory.resolve(path).normalize();
        if (!file.startsWith(repository)) {
            throw new Refused("is outside the spec's repository (`" + repository + "`)");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!file.toRealPath().startsWith(repository.toRealPath())) {
                throw new Refused("is a link to a file outside the spec's repository");
            }
        } catch (AccessDeniedException e) {
            throw new Refused("cannot be read: permission denied");
        }
        if (!attributes.isRegularFile()) {
            throw new Refused(attributes.isDirectory() ? "is a directory, not a file" : "is not a regular file");
        }
        if (attributes.size() > MAX_BYTES) {
            throw new Refused("is larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (AccessDeniedException e) {
            throw new Refused("cannot be read: permission denied");
        }
        if (bytes.length > MAX_BYTES) {
            throw new Refused("is larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        return utf8(bytes);
    }

    private static String utf8(byte[] bytes) throws Refused {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    throw new Refused("is not UTF-8 text: line " + line + " holds a byte sequence that is not UTF-8");
                }
                line++;
                start = i + 1;
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
