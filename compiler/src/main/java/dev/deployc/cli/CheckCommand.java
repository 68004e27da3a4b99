package dev.deployc.cli;

import dev.deployc.diag.Finding;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.output.OutputLock;
import dev.deployc.output.OutputTree;
import dev.deployc.output.UnifiedDiff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compile specs in memory and compare with the files on disk (the pre-commit mode). "
                + "Exits 1 and lists what is stale, missing or orphaned, with a diff of each. Writes nothing.")
public final class CheckCommand implements Callable<Integer> {

    /** Diff lines shown per file; the rest is counted, not shown. */
    static final int DIFF_LINES = 40;

    @Spec
    CommandSpec command;

    @Mixin
    SpecsAndOutput args;

    @Override
    public Integer call() {
        return run(args, command.commandLine().getOut(), command.commandLine().getErr());
    }

    /** The command itself, for picocli's model and for {@link HotPath} alike. */
    static int run(SpecsAndOutput args, java.io.PrintWriter out, java.io.PrintWriter err) {
        Reporter report = new Reporter(args.format, out, err);
        List<Finding> findings = new java.util.ArrayList<>();
        int exit = Compilation.forEachOutputDirectory(args, report, false, (dir, files) -> {
            OutputTree.Plan plan;
            try (OutputLock lock = lockIfWritable(dir)) {
                plan = new OutputTree(dir).plan(files);
            }
            for (OutputTree.Difference d : plan.differences()) {
                findings.add(finding(args, dir, d, files, plan.current().getOrDefault(d.path(), "")));
            }
            if (args.all) strays(args, dir, files).forEach(findings::add);
        });
        if (exit == Main.OK && !findings.isEmpty()) {
            int n = findings.size();
            if (report.text()) report.note("deployc: " + n + " generated " + (n == 1 ? "file is" : "files are") + " out of date:");
            findings.forEach(f -> report.finding(f, text(f)));
            boolean stale = findings.stream().anyMatch(f -> f.kind() == Finding.Kind.STALE);
            if (report.text()) report.note("run `" + args.rebuildCommand() + "` and commit the result"
                    + (stale ? "; to change a generated file, change its spec" : ""));
            exit = Main.SPEC_ERRORS;
        }
        report.finish();
        return exit;
    }

    /**
     * The lock, so check never sees a build half done; none when no build made the lock file yet (check
     * creates no file) or the directory is read-only (a check in a read-only checkout still works).
     */
    private static OutputLock lockIfWritable(Path dir) throws IOException, OutputTree.ConflictException {
        Path lockFile = dir.resolve(OutputLock.FILE_NAME);
        if (!Files.isRegularFile(lockFile, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(lockFile)) return null;
        try {
            return OutputLock.acquire(dir, OutputLock.timeoutFromEnvironment());
        } catch (java.nio.file.AccessDeniedException | java.nio.file.ReadOnlyFileSystemException e) {
            return null;
        }
    }

    private static Finding finding(SpecsAndOutput args, Path dir, OutputTree.Difference d, Map<String, List<GeneratedFile>> files, String onDisk) {
        Path file = dir.resolve(d.path());
        String shown = Reporter.shown(file);
        Optional<String> spec = d.change() == OutputTree.Change.ORPHANED || d.change() == OutputTree.Change.KEPT
                ? previousOwner(dir, d.path())
                : files.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(f -> f.path().equals(d.path())))
                        .map(Map.Entry::getKey).findFirst();
        String expected = files.values().stream().flatMap(List::stream).filter(f -> f.path().equals(d.path()))
                .map(GeneratedFile::content).findFirst().orElse("");
        if (d.change() == OutputTree.Change.KEPT) {
            return new Finding(Finding.Kind.KEPT, Optional.of(shown), 1, "`" + shown + "` is orphaned, but it was changed "
                    + "since deployc wrote it, so `deployc build` keeps it instead of removing it",
                    Optional.of("remove it yourself if the change is not wanted (`git rm " + shown + "`), or move it out of the generated directory"),
                    spec, Optional.empty());
        }
        String wanted = d.change() == OutputTree.Change.ORPHANED ? "" : expected;
        String diff = UnifiedDiff.of(shown + " (on disk)", onDisk, shown + " (generated)", wanted);
        String message = switch (d.change()) {
            case STALE -> "`" + shown + "` differs from what `" + spec.orElse("its spec") + "` generates"
                    + " (edited by hand, or the spec changed without a build)";
            case MISSING -> "`" + shown + "` is missing: `" + spec.orElse("its spec") + "` generates it";
            // A spec that generates nothing is one --all found deleted: every spec generates build.sh at least.
            case ORPHANED -> "`" + shown + "` is orphaned: " + spec.map(p -> files.containsKey(p) && files.get(p).isEmpty()
                    ? "`" + p + "`, which generated it, is deleted" : "`" + p + "` no longer generates it")
                    .orElse("no spec generates it any more");
            case KEPT -> throw new IllegalStateException("handled above");
        };
        String help = "run `" + args.rebuildCommand() + "` and commit the result"
                + (d.change() == OutputTree.Change.STALE ? "; to change a generated file, change its spec" : "");
        Finding finding = new Finding(kind(d.change()), Optional.of(shown), firstDifference(onDisk, wanted), message,
                Optional.of(help), spec, Optional.of(diff));
        return finding;
    }

    /**
     * With --all: files in the parts of an output directory that deployc generates (the project
     * folders its manifest names) that no spec generates, such as a unit added by hand. A build
     * does not remove them, since it only removes what it generated.
     */
    private static List<Finding> strays(SpecsAndOutput args, Path dir, Map<String, List<GeneratedFile>> files) throws IOException {
        Path manifestFile = dir.resolve(dev.deployc.output.Manifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) return List.of();
        java.util.Set<String> known = new java.util.TreeSet<>();
        try {
            dev.deployc.output.Manifest.parse(Files.readString(manifestFile, StandardCharsets.UTF_8)).filesBySpec()
                    .values().forEach(m -> known.addAll(m.keySet()));
        } catch (dev.deployc.output.Manifest.MalformedManifestException e) {
            return List.of();
        }
        files.values().forEach(list -> list.forEach(f -> known.add(f.path())));
        java.util.Set<String> tops = new java.util.TreeSet<>();
        known.forEach(p -> { if (p.contains("/")) tops.add(p.substring(0, p.indexOf('/'))); });
        List<Finding> out = new java.util.ArrayList<>();
        for (String top : tops) {
            Path root = dir.resolve(top);
            if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
            try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = dir.relativize(p).toString().replace('\\', '/');
                    if (known.contains(rel) || rel.contains("/.")) continue;
                    String shown = Reporter.shown(p);
                    out.add(new Finding(Finding.Kind.ORPHANED, Optional.of(shown), 1,
                            "`" + shown + "` is in a directory deployc generates, but no spec generates it",
                            Optional.of("remove it (`git rm " + shown + "`), or keep it outside the generated directory"),
                            Optional.empty(), Optional.empty()));
                }
            }
        }
        return out;
    }

    /** The spec an output directory's manifest says generated this file, if it says. */
    private static Optional<String> previousOwner(Path dir, String path) {
        try {
            Path manifest = dir.resolve(dev.deployc.output.Manifest.FILE_NAME);
            return dev.deployc.output.Manifest.parse(Files.readString(manifest, StandardCharsets.UTF_8)).filesBySpec()
                    .entrySet().stream().filter(e -> e.getValue().containsKey(path)).map(Map.Entry::getKey).findFirst();
        } catch (IOException | dev.deployc.output.Manifest.MalformedManifestException e) {
            return Optional.empty();
        }
    }

    /** Text output: the change, the file, and the diff shortened to {@link #DIFF_LINES}. */
    static String text(Finding f) {
        StringBuilder b = new StringBuilder(String.format("  %-9s %s%n", f.kind().word(), f.file().orElse("")));
        if (f.diff().isEmpty()) {
            return b.append("    ").append(f.message()).append("; ").append(f.help().orElse("")).append('\n').toString();
        }
        String[] lines = f.diff().orElse("").split("\n");
        for (int i = 0; i < Math.min(lines.length, DIFF_LINES); i++) {
            b.append("    ").append(lines[i]).append('\n');
        }
        if (lines.length > DIFF_LINES) {
            b.append("    … ").append(lines.length - DIFF_LINES).append(" more diff lines not shown\n");
        }
        return b.toString();
    }

    private static Finding.Kind kind(OutputTree.Change change) {
        return Finding.Kind.valueOf(change.name().toUpperCase(Locale.ROOT));
    }

    /** The 1-based line of the file on disk where it first differs from the wanted text. */
    static int firstDifference(String onDisk, String wanted) {
        String[] a = onDisk.split("\n", -1);
        String[] b = wanted.split("\n", -1);
        int i = 0;
        while (i < a.length && i < b.length && a[i].equals(b[i])) i++;
        return Math.max(1, Math.min(i + 1, Math.max(1, a.length - (onDisk.endsWith("\n") ? 1 : 0))));
    }
}
