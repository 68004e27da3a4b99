package dev.deployc.diag;

import java.util.List;

/**
 * Diagnostics for machines. JSON (schema version 1, documented in README.md): one object with
 * {@code version} and {@code diagnostics}, each {@code file, line, column, endLine, endColumn,
 * severity, message, help, related[], kind}; lines and columns 1-based, {@code endColumn} exclusive.
 * {@link Finding}s (stale, missing and orphaned files, unformatted specs, I/O and usage problems)
 * are entries of the same array with the same fields, plus {@code spec} and {@code diff} where
 * known; a usage problem has {@code file} {@code ""}, the command line.
 * GitHub: one workflow command per diagnostic, so it annotates the pull request's lines; each
 * related location is a notice on its own line, and a finding about a file annotates that file.
 */
public final class MachineFormats {

    private MachineFormats() {}

    public static String json(List<Diagnostic> diagnostics, List<Source> sources) {
        return json(diagnostics, sources, List.of());
    }

    public static String json(List<Diagnostic> diagnostics, List<Source> sources, List<Finding> findings) {
        StringBuilder b = new StringBuilder("{\"version\":1,\"diagnostics\":[");
        for (int i = 0; i < diagnostics.size(); i++) {
            Diagnostic d = diagnostics.get(i);
            Source source = find(sources, d.file());
            b.append(i == 0 ? "" : ",").append('{')
                    .append("\"file\":").append(string(d.file())).append(',')
                    .append(position(d.span(), source)).append(',')
                    .append("\"severity\":").append(string(d.severity().word())).append(',')
                    .append("\"message\":").append(string(d.message())).append(',')
                    .append("\"help\":").append(d.help().map(MachineFormats::string).orElse("null")).append(',')
                    .append("\"related\":[");
            for (int r = 0; r < d.related().size(); r++) {
                Diagnostic.Related rel = d.related().get(r);
                b.append(r == 0 ? "" : ",").append('{').append(position(rel.span(), source))
                        .append(",\"message\":").append(string(rel.message())).append('}');
            }
            b.append("],\"kind\":\"spec\"}");
        }
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            b.append(i + diagnostics.size() == 0 ? "" : ",").append('{')
                    .append("\"file\":").append(string(f.file().orElse(""))).append(',')
                    .append("\"line\":").append(f.line()).append(",\"column\":1,\"endLine\":").append(f.line())
                    .append(",\"endColumn\":1,\"severity\":\"error\",")
                    .append("\"message\":").append(string(f.message())).append(',')
                    .append("\"help\":").append(f.help().map(MachineFormats::string).orElse("null")).append(',')
                    .append("\"related\":[],\"kind\":").append(string(f.kind().word()));
            f.spec().ifPresent(s -> b.append(",\"spec\":").append(string(s)));
            f.diff().ifPresent(s -> b.append(",\"diff\":").append(string(s)));
            b.append('}');
        }
        return b.append("]}\n").toString();
    }

    public static String github(List<Diagnostic> diagnostics, List<Source> sources) {
        return github(diagnostics, sources, List.of());
    }

    public static String github(List<Diagnostic> diagnostics, List<Source> sources, List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            Source source = find(sources, d.file());
            String message = d.message() + d.help().map(h -> "\nhelp: " + h).orElse("");
            annotation(b, d.severity() == Severity.ERROR ? "error" : "warning", d.file(), d.span(), source, "deployc", message);
            for (Diagnostic.Related r : d.related()) {
                annotation(b, "notice", d.file(), r.span(), source, "deployc (related)", r.message() + ": " + d.message());
            }
        }
        for (Finding f : findings) {
            b.append("::error ");
            f.file().ifPresent(file -> b.append("file=").append(property(file)).append(",line=").append(f.line()).append(','));
            String message = f.message() + f.help().map(h -> "\nhelp: " + h).orElse("")
                    + f.diff().map(d -> "\n" + shortened(d)).orElse("");
            b.append("title=deployc::").append(data(message)).append('\n');
        }
        return b.toString();
    }

    /** Annotations show a few lines; the JSON carries the whole diff. */
    static final int ANNOTATION_DIFF_LINES = 40;

    private static String shortened(String diff) {
        List<String> lines = diff.stripTrailing().lines().toList();
        if (lines.size() <= ANNOTATION_DIFF_LINES) return String.join("\n", lines);
        return String.join("\n", lines.subList(0, ANNOTATION_DIFF_LINES))
                + "\n… " + (lines.size() - ANNOTATION_DIFF_LINES) + " more diff lines not shown";
    }

    private static void annotation(StringBuilder b, String level, String file, Span span, Source source, String title,
            String message) {
        int[] end = end(span, source);
        b.append("::").append(level)
                .append(" file=").append(property(file))
                .append(",line=").append(span.line()).append(",col=").append(span.column())
                .append(",endLine=").append(end[0]).append(",endColumn=").append(end[1])
                .append(",title=").append(property(title)).append("::").append(data(message)).append('\n');
    }

    private static String position(Span span, Source source) {
        int[] end = end(span, source);
        return "\"line\":" + span.line() + ",\"column\":" + span.column() + ",\"endLine\":" + end[0] + ",\"endColumn\":" + end[1];
    }

    /** Line and column just past the span, counting lines as the lexer does. */
    private static int[] end(Span span, Source source) {
        int line = span.line();
        int column = span.column();
        String text = source == null ? "" : source.text();
        for (int i = span.start(); i < span.end() && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, Math.max(column, span.column() + (span.length() == 0 ? 1 : 0))};
    }

    private static Source find(List<Source> sources, String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
