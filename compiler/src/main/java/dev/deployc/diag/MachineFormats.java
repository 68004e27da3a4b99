package dev.deployc.diag;

import java.util.List;

/**
 * Diagnostics for machines. JSON (schema version 1, documented in README.md): one object with
 * {@code version} and {@code diagnostics}, each {@code file, line, column, endLine, endColumn,
 * severity, message, help, related[]}; lines and columns 1-based, {@code endColumn} exclusive.
 * GitHub: one workflow command per diagnostic, so it annotates the pull request's lines.
 */
public final class MachineFormats {

    private MachineFormats() {}

    public static String json(List<Diagnostic> diagnostics, List<Source> sources) {
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
            b.append("]}");
        }
        return b.append("]}\n").toString();
    }

    public static String github(List<Diagnostic> diagnostics, List<Source> sources) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            int[] end = end(d.span(), find(sources, d.file()));
            String message = d.message() + d.help().map(h -> "\nhelp: " + h).orElse("");
            b.append("::").append(d.severity() == Severity.ERROR ? "error" : "warning")
                    .append(" file=").append(property(d.file()))
                    .append(",line=").append(d.span().line()).append(",col=").append(d.span().column())
                    .append(",endLine=").append(end[0]).append(",endColumn=").append(end[1])
                    .append(",title=deployc::").append(data(message)).append('\n');
        }
        return b.toString();
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
