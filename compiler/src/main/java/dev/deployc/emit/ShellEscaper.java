package dev.deployc.emit;

import java.util.regex.Pattern;

/** Quotes a value as one POSIX shell word. Single quotes: nothing inside is special but the quote itself. */
public final class ShellEscaper {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellEscaper() {}

    public static String word(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("unchecked control character reached the shell escaper");
            }
        }
        if (!value.isEmpty() && SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Literal text for inside a double-quoted shell string. */
    public static String inDoubleQuotes(String literal) {
        word(literal);
        return literal.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
    }

    /**
     * One bash word. A value holding {@code $} or a backtick is written {@code $'…'} (ANSI-C quoting)
     * instead of {@code '…'}: both are the same literal to bash, but shellcheck flags a single-quoted
     * {@code $} or backtick as a likely mistake (SC2016), and generated scripts must be clean under it.
     */
    public static String bashWord(String value) {
        String w = word(value);
        if (value.indexOf('$') < 0 && value.indexOf('`') < 0) {
            // Unquoted in a bash array, shellcheck reads a comma as a mistaken separator (SC2054) and `=`
            // as a mistaken index assignment (SC2191); quoted, both are plain literals.
            boolean misread = value.indexOf(',') >= 0 || value.indexOf('=') >= 0;
            return misread && !w.startsWith("'") ? "'" + w + "'" : w;
        }
        StringBuilder b = new StringBuilder("$'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('\'').toString();
    }

    /** {@link #bashWord}, always quoted. */
    public static String bashQuoted(String value) {
        String w = bashWord(value);
        return w.startsWith("'") || w.startsWith("$'") ? w : "'" + w + "'";
    }

    /** Always single-quoted, for values that read better quoted (and so shellcheck sees a literal). */
    public static String quoted(String value) {
        String w = word(value);
        return w.startsWith("'") ? w : "'" + w + "'";
    }
}
