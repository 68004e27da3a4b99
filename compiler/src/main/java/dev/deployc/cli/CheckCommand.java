package dev.deployc.cli;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.output.OutputTree;
import dev.deployc.output.UnifiedDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
            for (OutputTree.Difference d : new OutputTree(dir).plan(files).differences()) {
                Path file = dir.resolve(d.path());
                reports.add(String.format("  %-9s %s%n", d.change().name().toLowerCase(Locale.ROOT), file)
                        + diff(d, file, expected(files, d.path())));
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

    private static String diff(OutputTree.Difference d, Path file, String expected) throws IOException {
        String onDisk = d.change() == OutputTree.Change.MISSING ? "" : Files.readString(file, StandardCharsets.UTF_8);
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
