package dev.deployc.cli;

import dev.deployc.diag.Diagnostic;
import dev.deployc.diag.DiagnosticRenderer;
import dev.deployc.diag.Finding;
import dev.deployc.diag.MachineFormats;
import dev.deployc.diag.Source;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run finds, in the format the user chose. Text goes to standard error as it comes;
 * json and github collect and print one document to standard output at the end, so a machine
 * reads every finding of the run (spec errors, stale files, I/O problems) in one place.
 */
final class Reporter {

    enum Format { text, json, github }

    private final Format format;
    private final PrintWriter out;
    private final PrintWriter err;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<Source> sources = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    Reporter(Format format, PrintWriter out, PrintWriter err) {
        this.format = format;
        this.out = out;
        this.err = err;
    }

    boolean text() {
        return format == Format.text;
    }

    void diagnostics(List<Diagnostic> found, Source source) {
        diagnostics.addAll(found);
        sources.add(source);
        if (text()) err.print(DiagnosticRenderer.render(found, source));
    }

    /** A finding; in text, {@code text} is what the user reads instead, already laid out. */
    void finding(Finding finding, String text) {
        findings.add(finding);
        if (text()) err.print(text);
    }

    /** An I/O or usage problem, which ends the run. */
    int problem(Finding.Kind kind, String file, String message) {
        findings.add(Finding.problem(kind, file, message));
        if (text()) err.println("deployc: " + message);
        return Main.USAGE_OR_IO;
    }

    /** A line for people only: in text on standard error; the machine formats carry the findings themselves. */
    void note(String line) {
        err.println(line);
    }

    void finish() {
        switch (format) {
            case json -> out.print(MachineFormats.json(diagnostics, sources, findings));
            case github -> out.print(MachineFormats.github(diagnostics, sources, findings));
            case text -> { }
        }
        out.flush();
        err.flush();
    }

    /**
     * A path as messages show it: relative to the current directory when it is inside it, so a
     * message reads the same on every machine; else as given.
     */
    static String shown(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        String s = absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute).toString() : path.toString();
        return s.replace('\\', '/');
    }
}
