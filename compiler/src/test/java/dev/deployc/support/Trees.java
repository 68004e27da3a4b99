package dev.deployc.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Directory trees in tests: copied, read whole, deleted. */
public final class Trees {

    private Trees() {}

    /** Copies {@code from} and everything under it to {@code to}; returns {@code to}. */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    /** Every regular file under {@code tree}: its path relative to the tree, with {@code /}, to its text. */
    public static Map<String, String> read(Path tree) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(tree.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return out;
    }

    /** Deletes {@code tree} and everything under it; nothing when it does not exist. */
    public static void delete(Path tree) throws IOException {
        if (!Files.exists(tree)) return;
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
