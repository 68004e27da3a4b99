package dev.deployc.diag;

import java.util.List;
import java.util.Optional;

/**
 * One finding about a spec: a value, never an exception. {@code related} points at other places
 * that explain it (the first definition of a duplicate, the other end of a conflict).
 */
public record Diagnostic(
        Severity severity, String file, String message, Span span, Optional<String> help, List<Related> related)
        implements Comparable<Diagnostic> {

    public record Related(String message, Span span) {}

    public Diagnostic {
        related = List.copyOf(related);
    }

    public static Diagnostic error(String file, Span span, String message) {
        return new Diagnostic(Severity.ERROR, file, message, span, Optional.empty(), List.of());
    }

    public Diagnostic withHelp(String text) {
        return new Diagnostic(severity, file, message, span, Optional.ofNullable(text), related);
    }

    public Diagnostic withRelated(String note, Span where) {
        List<Related> more = new java.util.ArrayList<>(related);
        more.add(new Related(note, where));
        return new Diagnostic(severity, file, message, span, help, more);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public int compareTo(Diagnostic o) {
        int c = file.compareTo(o.file);
        if (c == 0) c = span.compareTo(o.span);
        if (c == 0) c = severity.compareTo(o.severity);
        if (c == 0) c = message.compareTo(o.message);
        return c;
    }
}
