package dev.deployc.emit;

/** One output file: its path relative to the output directory, and its exact text. */
public record GeneratedFile(String path, String content, boolean executable) implements Comparable<GeneratedFile> {

    public GeneratedFile(String path, String content) {
        this(path, content, false);
    }

    @Override
    public int compareTo(GeneratedFile o) {
        return path.compareTo(o.path);
    }
}
