package dev.deployc.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a file a spec names relative to itself, such as a canary's host inventory. */
@FunctionalInterface
public interface NearbyFiles {

    String read(String relativePath) throws IOException;

    /** For specs that have no directory (text given in memory): every file is missing. */
    static NearbyFiles none() {
        return path -> {
            throw new NoSuchFileException(path);
        };
    }

    static NearbyFiles in(Path directory) {
        return path -> Files.readString(directory.resolve(path), StandardCharsets.UTF_8);
    }
}
