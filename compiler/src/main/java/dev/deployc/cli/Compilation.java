package dev.deployc.cli;

import dev.deployc.Compiler;
import dev.deployc.diag.Diagnostic;
import dev.deployc.diag.DiagnosticRenderer;
import dev.deployc.diag.MachineFormats;
import dev.deployc.diag.Source;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.output.OutputTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

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
     */
    static int forEachOutputDirectory(SpecsAndOutput args, CommandLine cli, Prefetch prefetch, OutputStep step) {
        PrintWriter err = cli.getErr();
        Path dir = null;
        try {
            Optional<Compiled> ready = prefetch.of(args.specs);
            Compiled compiled = ready.isPresent() ? ready.get() : readAndCompile(args.specs);
            List<SpecFiles.Loaded> loaded = compiled.loaded();
            Optional<Map<String, List<GeneratedFile>>> files = report(loaded, compiled.results(), args.format, cli.getOut(), err);
            if (files.isEmpty()) return Main.SPEC_ERRORS;
            for (Map.Entry<Path, List<SpecFiles.Loaded>> group : args.byOutputDirectory(loaded).entrySet()) {
                dir = group.getKey();
                step.apply(dir, select(files.get(), group.getValue()));
            }
            return Main.OK;
        } catch (SpecFiles.Problem | OutputTree.ConflictException e) {
            err.println("deployc: " + e.getMessage());
            return Main.USAGE_OR_IO;
        } catch (IOException e) {
            boolean named = e instanceof java.nio.file.FileSystemException f && f.getFile() != null;
            err.println("deployc: " + (dir == null || named ? "" : "in `" + dir + "`: ") + IoProblems.describe(e));
            return Main.USAGE_OR_IO;
        }
    }

    /** The files of just these specs. */
    static Map<String, List<GeneratedFile>> select(Map<String, List<GeneratedFile>> all, List<SpecFiles.Loaded> specs) {
        Map<String, List<GeneratedFile>> out = new LinkedHashMap<>();
        specs.forEach(s -> out.put(s.specPath(), all.get(s.specPath())));
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
        // Specs compile independently; the results keep the order given.
        return specs.size() < PARALLEL_FROM
                ? specs.stream().map(s -> compiler.compile(s.source(), s.specPath(), s.nearby())).toList()
                : specs.parallelStream().map(s -> compiler.compile(s.source(), s.specPath(), s.nearby())).toList();
    }

    /** Prints the diagnostics; each spec's files, or empty when any spec has errors (then nothing may be written). */
    static Optional<Map<String, List<GeneratedFile>>> report(List<SpecFiles.Loaded> specs, List<Compiler.Result> results,
            SpecsAndOutput.Format format, PrintWriter out, PrintWriter err) {
        Map<String, List<GeneratedFile>> files = new LinkedHashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < specs.size(); i++) {
            SpecFiles.Loaded spec = specs.get(i);
            Compiler.Result result = results.get(i);
            diagnostics.addAll(result.diagnostics());
            sources.add(spec.source());
            ok &= result.ok();
            files.put(spec.specPath(), result.files());
        }
        switch (format) {
            case json -> out.print(MachineFormats.json(diagnostics, sources));
            case github -> out.print(MachineFormats.github(diagnostics, sources));
            case text -> {
                for (int i = 0; i < specs.size(); i++) {
                    Source s = sources.get(i);
                    err.print(DiagnosticRenderer.render(diagnostics.stream().filter(d -> d.file().equals(s.name())).toList(), s));
                }
            }
        }
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        if (!ok) {
            err.println("deployc: " + errors + (errors == 1 ? " error" : " errors") + " in the specs; no file was written");
        }
        out.flush();
        err.flush();
        return ok ? Optional.of(files) : Optional.empty();
    }
}
