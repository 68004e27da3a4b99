package dev.deployc.check;

import dev.deployc.diag.Diagnostic;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.syntax.Ast;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * systemd reads unit files and sysctl.d files a line at a time, at most {@code LONG_LINE_MAX}
 * (1 MiB) per line, newline excluded, in systemd 252; a longer line makes the whole unit fail to
 * load ("No buffer space available"). Checked after emitting, on the exact lines written, since
 * escaping and joining (an argument list on one line) decide a line's length.
 */
public final class UnitLineLimit {

    /** The longest line systemd 252 reads is one byte shorter than this (checked with systemd-analyze verify). */
    public static final int LONG_LINE_MAX = 1 << 20;

    private UnitLineLimit() {}

    public static Optional<Diagnostic> check(List<GeneratedFile> files, Ast.Document document, String file) {
        for (GeneratedFile f : files) {
            if (!f.path().contains("/systemd/") && !f.path().contains("/sysctl.d/")) continue;
            int lineStart = 0;
            String text = f.content();
            while (lineStart < text.length()) {
                int end = text.indexOf('\n', lineStart);
                if (end < 0) end = text.length();
                // A char is at most 3 bytes in UTF-8 (a surrogate pair 4 for 2), so shorter lines need no count.
                if ((long) (end - lineStart) * 3 >= LONG_LINE_MAX) {
                    int bytes = text.substring(lineStart, end).getBytes(StandardCharsets.UTF_8).length;
                    if (bytes >= LONG_LINE_MAX) {
                        String key = text.substring(lineStart, Math.min(end, text.indexOf('=', lineStart) + 1));
                        Ast.Text longest = longest(document.entries(), null);
                        return Optional.of(Diagnostic.error(file, longest.span(),
                                        "this value makes the line `" + key.substring(0, Math.min(key.length(), 40)) + "…` of `"
                                                + f.path() + "` " + bytes + " bytes long; systemd reads lines of at most "
                                                + (LONG_LINE_MAX - 1) + " bytes and would not load the unit")
                                .withHelp("shorten it: put long data in a file the service reads"));
                    }
                }
                lineStart = end + 1;
            }
        }
        return Optional.empty();
    }

    private static Ast.Text longest(List<Ast.Entry> entries, Ast.Text best) {
        for (Ast.Entry e : entries) {
            if (e instanceof Ast.Block b) best = longest(b.entries(), best);
            if (e instanceof Ast.Attribute a) best = longest(a.value(), best);
        }
        return best;
    }

    private static Ast.Text longest(Ast.Value v, Ast.Text best) {
        if (v instanceof Ast.Text t && (best == null || t.value().length() > best.value().length())) return t;
        if (v instanceof Ast.ListOf l) {
            for (Ast.Value item : l.items()) best = longest(item, best);
        }
        return best;
    }
}
