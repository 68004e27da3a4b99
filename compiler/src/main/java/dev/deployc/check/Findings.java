package dev.deployc.check;

import dev.deployc.diag.Diagnostic;
import dev.deployc.diag.Span;
import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one spec while the checks run. */
public final class Findings {

    private final String file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public Findings(String file) {
        this.file = file;
    }

    public Diagnostic error(Span span, String message) {
        return Diagnostic.error(file, span, message);
    }

    public void add(Diagnostic d) {
        diagnostics.add(d);
    }

    public void error(Span span, String message, String help) {
        add(error(span, message).withHelp(help));
    }

    public List<Diagnostic> all() {
        return List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
