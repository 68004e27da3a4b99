package dev.deployc.cli;

import dev.deployc.Compiler;
import dev.deployc.diag.Diagnostic;
import dev.deployc.diag.Finding;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.output.OutputTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compiles every spec of a run and prints all diagnostics in the chosen format; shared by the subcommands. */
final class Compilation {

    private Compilation() {}

    /** What build or check does with one output directory and the files its specs generate. */
    interface OutputStep {
        void apply(Path dir, Map<String, List<GeneratedFile>> files) throws IOException, OutputTree.ConflictException;
    }

    /**
     * Reads and compiles the specs, then runs {@code step} per output directory. Returns the exit
     * code: spec errors stop before any step; problems with files and directories are exit 2.
     * A spec that an output directory's manifest names but that no longer exists (found by --all)
     * generates nothing there, so its files are orphans. Everything is reported through {@code report}.
     */
    static int forEachOutputDirectory(SpecsAndOutput args, Reporter report, boolean writes,
            OutputStep step) {
        Path dir = null;
        try {
            if (!args.all && args.specs.isEmpty()) {
                return report.problem(Finding.Kind.USAGE, null, "name the specs to compile, or give --all");
            }
            if (args.all && !args.specs.isEmpty()) {
                return report.problem(Finding.Kind.USAGE, null, "give either specs or --all, not both");
            }
            List<Path> specs = args.specsToRead();
            Compiled compiled = readAndCompile(specs);
            List<SpecFiles.Loaded> loaded = compiled.loaded();
            Optional<Map<String, List<GeneratedFile>>> files = report(loaded, compiled.results(), report, writes);
            if (files.isEmpty()) return Main.SPEC_ERRORS;
            SpecsAndOutput.Groups groups = args.byOutputDirectory(loaded);
            for (Map.Entry<Path, List<SpecFiles.Loaded>> group : groups.specs().entrySet()) {
                dir = group.getKey();
                Map<String, List<GeneratedFile>> selected = select(files.get(), group.getValue());
                for (String spec : groups.deleted().getOrDefault(dir, java.util.Set.of())) {
                    selected.put(spec, List.of());
                }
                step.apply(dir, selected);
            }
            return Main.OK;
        } catch (SpecFiles.Problem e) {
            return report.problem(Finding.Kind.IO, e.file(), e.getMessage());
        } catch (OutputTree.ConflictException e) {
            return report.problem(Finding.Kind.IO, dir == null ? null : Reporter.shown(dir), e.getMessage());
        } catch (IOException e) {
            boolean named = e instanceof java.nio.file.FileSystemException f && f.getFile() != null;
            String where = dir == null ? null : Reporter.shown(dir);
            return report.problem(Finding.Kind.IO, where, (where == null || named ? "" : "in `" + where + "`: ") + IoProblems.describe(e));
        }
    }

    /** The files of just these specs. */
    static Map<String, List<GeneratedFile>> select(Map<String, List<GeneratedFile>> all, List<SpecFiles.Loaded> specs) {
        Map<String, List<GeneratedFile>> out = new LinkedHashMap<>();
        for (SpecFiles.Loaded s : specs) {
            out.put(s.specPath(), all.get(s.specPath()));
        }
        return out;
    }

    /** From this many specs on, they compile on all cores. */
    static final int PARALLEL_FROM = 8;

    /** The specs as read, and each one's compilation, in the order given. */
    record Compiled(List<SpecFiles.Loaded> loaded, List<Compiler.Result> results) {}

    static Compiled readAndCompile(List<Path> specs) throws SpecFiles.Problem {
        List<SpecFiles.Loaded> loaded = SpecFiles.read(specs);
        return new Compiled(loaded, compile(loaded));
    }

    /** Each spec's compilation, in the order given. */
    private static List<Compiler.Result> compile(List<SpecFiles.Loaded> specs) {
        Compiler compiler = new Compiler();
        if (specs.size() < PARALLEL_FROM) {
            List<Compiler.Result> results = new ArrayList<>(specs.size());
            for (SpecFiles.Loaded s : specs) {
                results.add(compiler.compile(s.source(), s.specPath(), s.nearby()));
            }
            return List.copyOf(results);
        }
        // Specs compile independently; the results keep the order given.
        return specs.parallelStream().map(s -> compiler.compile(s.source(), s.specPath(), s.nearby())).toList();
    }

    /**
     * Reports the diagnostics; each spec's files, or empty when any spec has errors (then nothing
     * may be written, and nothing is compared).
     */
    static Optional<Map<String, List<GeneratedFile>>> report(List<SpecFiles.Loaded> specs, List<Compiler.Result> results,
            Reporter report, boolean writes) {
        Map<String, List<GeneratedFile>> files = new LinkedHashMap<>();
        long errors = 0;
        for (int i = 0; i < specs.size(); i++) {
            SpecFiles.Loaded spec = specs.get(i);
            Compiler.Result result = results.get(i);
            report.diagnostics(result.diagnostics(), spec.source());
            for (Diagnostic d : result.diagnostics()) {
                if (d.isError()) errors++;
            }
            files.put(spec.specPath(), result.files());
        }
        if (errors > 0) {
            report.note("deployc: " + errors + (errors == 1 ? " error" : " errors") + " in the specs; "
                    + (writes ? "no file was written" : "generated files were not compared"));
            return Optional.empty();
        }
        return Optional.of(files);
    }
}
