package dev.deployc.cli;

import dev.deployc.Compiler;
import dev.deployc.diag.Diagnostic;
import dev.deployc.diag.DiagnosticRenderer;
import dev.deployc.diag.MachineFormats;
import dev.deployc.diag.Source;
import dev.deployc.emit.GeneratedFile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compiles every spec of a run and prints all diagnostics in the chosen format; shared by the subcommands. */
final class Compilation {

    private Compilation() {}

    /** The files of just these specs. */
    static Map<String, List<GeneratedFile>> select(Map<String, List<GeneratedFile>> all, List<SpecFiles.Loaded> specs) {
        Map<String, List<GeneratedFile>> out = new LinkedHashMap<>();
        specs.forEach(s -> out.put(s.specPath(), all.get(s.specPath())));
        return out;
    }

    /** Each spec's files, or empty when any spec has errors (then nothing may be written). */
    static Optional<Map<String, List<GeneratedFile>>> compileAll(List<SpecFiles.Loaded> specs, SpecsAndOutput.Format format,
            PrintWriter out, PrintWriter err) {
        Compiler compiler = new Compiler();
        // Specs compile independently; the results keep the order given.
        List<Compiler.Result> results = specs.size() < 8
                ? specs.stream().map(s -> compiler.compile(s.source(), s.specPath())).toList()
                : specs.parallelStream().map(s -> compiler.compile(s.source(), s.specPath())).toList();
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
