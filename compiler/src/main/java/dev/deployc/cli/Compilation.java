package dev.deployc.cli;

import dev.deployc.Compiler;
import dev.deployc.diag.DiagnosticRenderer;
import dev.deployc.emit.GeneratedFile;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compiles every spec of a run and prints all diagnostics; shared by the subcommands. */
final class Compilation {

    private Compilation() {}

    /** Each spec's files, or empty when any spec has errors (then nothing may be written). */
    static Optional<Map<String, List<GeneratedFile>>> compileAll(List<SpecFiles.Loaded> specs, PrintWriter err) {
        Compiler compiler = new Compiler();
        Map<String, List<GeneratedFile>> out = new LinkedHashMap<>();
        boolean ok = true;
        int errors = 0;
        for (SpecFiles.Loaded spec : specs) {
            Compiler.Result result = compiler.compile(spec.source(), spec.specPath());
            err.print(DiagnosticRenderer.render(result.diagnostics(), spec.source()));
            errors += (int) result.diagnostics().stream().filter(d -> d.isError()).count();
            ok &= result.ok();
            out.put(spec.specPath(), result.files());
        }
        if (!ok) {
            err.println("deployc: " + errors + (errors == 1 ? " error" : " errors") + "; nothing was written");
        }
        err.flush();
        return ok ? Optional.of(out) : Optional.empty();
    }
}
