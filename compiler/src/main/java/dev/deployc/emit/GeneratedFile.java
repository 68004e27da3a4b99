package dev.deployc.emit;

/** One output file: its path relative to the output directory, and its exact text. */
public record GeneratedFile(String path, String content) implements Comparable<GeneratedFile> {

    @Override
    public int compareTo(GeneratedFile o) {
        return path.compareTo(o.path);
    }
}
