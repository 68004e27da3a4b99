package dev.deployc.cli;

import dev.deployc.output.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments build and check share: the specs (or --all), the output directory, and the format. */
final class SpecsAndOutput {

    /** Where output goes without {@code --out}: this directory next to each spec. */
    static final String DEFAULT_OUT = "generated";
    static final String OUT = "--out";
    static final String FORMAT = "--format";
    static final String ALL = "--all";

    @Parameters(arity = "0..*", paramLabel = "SPEC", description = "The .deploy files to compile.")
    List<Path> specs = new ArrayList<>();

    @Option(names = ALL, description = "Every spec under the current directory, and every output directory "
            + "there that holds a `" + Manifest.FILE_NAME + "`, so the files of a deleted spec are found too "
            + "(what the pre-commit hook runs).")
    boolean all;

    @Option(names = OUT, paramLabel = "DIR",
            description = "The output directory (default: `" + DEFAULT_OUT + "/` next to each spec).")
    Path out;

    @Option(names = FORMAT, paramLabel = "FORMAT", defaultValue = "text",
            description = "How to print diagnostics: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "json and github go to standard output.")
    Reporter.Format format;

    /** Output directories that hold a manifest, found by --all; empty otherwise. */
    private final List<Path> manifestDirectories = new ArrayList<>();

    /** The specs to read: those named, or with --all every {@code .deploy} under the current directory. */
    List<Path> specsToRead() throws IOException {
        if (!all) return specs;
        List<Path> found = new ArrayList<>();
        manifestDirectories.clear();
        Path root = Path.of("");
        try (Stream<Path> walk = Files.walk(root.toAbsolutePath())) {
            walk.filter(p -> !hidden(root.toAbsolutePath().relativize(p)) || p.getFileName().toString().equals(Manifest.FILE_NAME))
                    .filter(Files::isRegularFile)
                    .forEach(p -> {
                        Path rel = root.toAbsolutePath().relativize(p);
                        if (p.getFileName().toString().equals(Manifest.FILE_NAME)) {
                            if (rel.getParent() == null || !hidden(rel.getParent())) {
                                manifestDirectories.add(relativeIfInside(p.getParent()));
                            }
                        } else if (p.toString().endsWith(".deploy")) {
                            found.add(rel);
                        }
                    });
        }
        found.sort(null);
        manifestDirectories.sort(null);
        return found;
    }

    /** A path with a part that starts with a dot (.git, .cache) is skipped by --all. */
    private static boolean hidden(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".") && !part.toString().equals(".")) return true;
        }
        return false;
    }

    /** Output directories and the specs whose files go there; see {@link #byOutputDirectory}. */
    record Groups(Map<Path, List<SpecFiles.Loaded>> specs, Map<Path, Set<String>> deleted) {}

    /**
     * The specs grouped by the directory their output goes to, in the order given. With --all, a
     * spec that an output directory's manifest names goes there, and a manifest's spec that no
     * longer exists is "deleted" in that directory: every file it generated there is an orphan.
     */
    Groups byOutputDirectory(List<SpecFiles.Loaded> loaded) throws IOException, SpecFiles.Problem {
        Map<Path, List<SpecFiles.Loaded>> groups = new LinkedHashMap<>();
        Map<Path, Set<String>> deleted = new LinkedHashMap<>();
        Map<String, Path> claimed = new LinkedHashMap<>();
        for (Path dir : manifestDirectories) {
            String text = Files.readString(dir.resolve(Manifest.FILE_NAME), StandardCharsets.UTF_8);
            Set<String> named;
            try {
                named = Manifest.parse(text).filesBySpec().keySet();
            } catch (Manifest.MalformedManifestException e) {
                throw new IOException("`" + Reporter.shown(dir.resolve(Manifest.FILE_NAME)) + "` is damaged (" + e.getMessage() + ")");
            }
            for (String spec : named) {
                boolean exists = false;
                for (SpecFiles.Loaded l : loaded) {
                    exists |= l.specPath().equals(spec);
                }
                if (exists) {
                    claimed.putIfAbsent(spec, dir);
                } else {
                    deleted.putIfAbsent(dir, new TreeSet<>());
                    deleted.get(dir).add(spec);
                    groups.putIfAbsent(dir, new ArrayList<>());
                }
            }
        }
        for (SpecFiles.Loaded spec : loaded) {
            Path dir = out != null ? out
                    : claimed.getOrDefault(spec.specPath(), defaultDirectory(spec));
            // `--out` may be a link: the user named it. The default directory comes with the repository,
            // and a link there committed by anyone would send every generated file elsewhere.
            if (out == null && Files.isSymbolicLink(dir)) {
                throw new SpecFiles.Problem(Reporter.shown(dir), "`" + Reporter.shown(dir) + "` is a symbolic link; deployc does not "
                        + "write its default output through a link. Remove it, or name the directory with `--out`");
            }
            groups.putIfAbsent(dir, new ArrayList<>());
            groups.get(dir).add(spec);
        }
        return new Groups(groups, deleted);
    }

    private static Path defaultDirectory(SpecFiles.Loaded spec) {
        return relativeIfInside(spec.file().toAbsolutePath().getParent().resolve(DEFAULT_OUT));
    }

    /**
     * A directory relative to the current one when it is inside it, so every message about its
     * files (including the output tree's own) names them relatively; one spelling per directory.
     */
    static Path relativeIfInside(Path dir) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = dir.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute) : absolute;
    }

    String rebuildCommand() {
        if (all) return "deployc build --all" + (out == null ? "" : " --out " + out);
        StringBuilder command = new StringBuilder("deployc build ");
        for (int i = 0; i < specs.size(); i++) {
            command.append(i == 0 ? "" : " ").append(specs.get(i));
        }
        return command + (out == null ? "" : " --out " + out);
    }
}
