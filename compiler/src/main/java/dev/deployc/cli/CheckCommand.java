package dev.deployc.cli;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.output.OutputLock;
import dev.deployc.output.OutputTree;
import dev.deployc.output.UnifiedDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compile specs in memory and compare with the files on disk (the pre-commit mode). "
                + "Exits 1 and lists what is stale, missing or orphaned, with a diff of each.")
public final class CheckCommand implements Callable<Integer> {

    /** Diff lines shown per file; the rest is counted, not shown. */
    static final int DIFF_LINES = 40;

    @Spec
    CommandSpec command;

    @Mixin
    SpecsAndOutput args;

    private final Prefetch prefetch;

    CheckCommand(Prefetch prefetch) {
        this.prefetch = prefetch;
    }

    @Override
    public Integer call() {
        List<String> reports = new ArrayList<>();
        int exit = Compilation.forEachOutputDirectory(args, command.commandLine(), prefetch, (dir, files) -> {
            OutputTree.Plan plan;
            try (OutputLock lock = lockIfWritable(dir)) {
                plan = new OutputTree(dir).plan(files);
            }
            for (OutputTree.Difference d : plan.differences()) {
                Path file = dir.resolve(d.path());
                String line = String.format("  %-9s %s%n", d.change().name().toLowerCase(Locale.ROOT), file);
                reports.add(d.change() == OutputTree.Change.KEPT
                        ? line + "    no spec generates it, and it was changed since deployc wrote it: build keeps it\n"
                        : line + diff(d, file, plan.current().getOrDefault(d.path(), ""), expected(files, d.path())));
            }
        });
        if (exit != Main.OK || reports.isEmpty()) return exit;
        PrintWriter err = command.commandLine().getErr();
        int stale = reports.size();
        err.println("deployc: " + stale + " generated " + (stale == 1 ? "file is" : "files are") + " out of date:");
        reports.forEach(err::print);
        err.println("run `" + args.rebuildCommand() + "` and commit the result");
        return Main.SPEC_ERRORS;
    }

    private static String expected(Map<String, List<GeneratedFile>> files, String path) {
        return files.values().stream().flatMap(List::stream).filter(f -> f.path().equals(path))
                .map(GeneratedFile::content).findFirst().orElse("");
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

    private static String diff(OutputTree.Difference d, Path file, String onDisk, String expected) {
        String wanted = d.change() == OutputTree.Change.ORPHANED ? "" : expected;
        String[] lines = UnifiedDiff.of(file + " (on disk)", onDisk, file + " (generated)", wanted).split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, DIFF_LINES); i++) {
            b.append("    ").append(lines[i]).append('\n');
        }
        if (lines.length > DIFF_LINES) {
            b.append("    … ").append(lines.length - DIFF_LINES).append(" more diff lines not shown\n");
        }
        return b.toString();
    }
}
