package dev.deployc.emit;

import java.util.regex.Pattern;

/** Quotes a value as one POSIX shell word. Single quotes: nothing inside is special but the quote itself. */
public final class ShellEscaper {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellEscaper() {}

    public static String word(String value) {
        if (value.chars().anyMatch(c -> c == 0 || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("unchecked control character reached the shell escaper");
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

    /** Always single-quoted, for values that read better quoted (and so shellcheck sees a literal). */
    public static String quoted(String value) {
        String w = word(value);
        return w.startsWith("'") ? w : "'" + w + "'";
    }
}
