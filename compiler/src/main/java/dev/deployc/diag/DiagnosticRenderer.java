package dev.deployc.diag;

import java.util.List;

/**
 * Renders diagnostics the way rustc and Elm do:
 * <pre>
 * orders.deploy:12:3: error: unknown key `memroy` in `limits`
 *    |
 * 12 |   memroy = 512MiB
 *    |   ^^^^^^
 *    = help: did you mean `memory`?
 * </pre>
 */
public final class DiagnosticRenderer {

    private static final int TAB_WIDTH = 4;

    private DiagnosticRenderer() {}

    public static String render(List<Diagnostic> diagnostics, Source source) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(render(d, source));
        }
        return out.toString();
    }

    public static String render(Diagnostic d, Source source) {
        StringBuilder out = new StringBuilder();
        Span span = d.span();
        out.append(d.file()).append(':').append(span.line()).append(':').append(span.column())
                .append(": ").append(d.severity().word()).append(": ").append(d.message()).append('\n');
        int width = gutterWidth(d);
        snippet(out, source, span, width, null);
        for (Diagnostic.Related r : d.related()) {
            snippet(out, source, r.span(), width, r.message());
        }
        d.help().ifPresent(h -> out.append(" ".repeat(width)).append(" = help: ").append(h).append('\n'));
        return out.toString();
    }

    private static int gutterWidth(Diagnostic d) {
        int max = d.span().line();
        for (Diagnostic.Related r : d.related()) {
            max = Math.max(max, r.span().line());
        }
        return Integer.toString(max).length();
    }

    private static void snippet(StringBuilder out, Source source, Span span, int width, String label) {
        String pad = " ".repeat(width);
        String raw = source.line(span.line());
        String shown = expandTabs(raw, raw.length());
        int startInLine = Math.min(span.column() - 1, raw.length());
        int endInLine = Math.min(span.column() - 1 + Math.max(span.length(), 1), raw.length());
        int caretStart = expandTabs(raw, startInLine).length();
        int caretEnd = expandTabs(raw, Math.max(endInLine, startInLine)).length();
        int carets = Math.max(1, caretEnd - caretStart);
        out.append(pad).append(" |\n");
        out.append(String.format("%" + width + "d", span.line())).append(" | ").append(shown).append('\n');
        out.append(pad).append(" | ").append(" ".repeat(caretStart)).append("^".repeat(carets));
        if (label != null) {
            out.append(' ').append(label);
        }
        out.append('\n');
    }

    private static String expandTabs(String line, int upTo) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < upTo; i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                b.append(" ".repeat(TAB_WIDTH - b.length() % TAB_WIDTH));
            } else if (Character.isISOControl(c)) {
                b.append('?');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
