package dev.deployc.emit.systemd;

import dev.deployc.model.ExecWord;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The typed escapers for systemd unit files. Every value reaches a unit through one of these;
 * the checker has already refused CR, LF, NUL and trailing backslashes.
 */
public final class UnitEscaper {

    private static final Pattern BARE_WORD = Pattern.compile("[A-Za-z0-9_@+=:,./-]+");

    private UnitEscaper() {}

    /** A raw setting value (Description=, WorkingDirectory=, User=): only specifiers are special. */
    public static String raw(String value) {
        requireSafe(value);
        return value.replace("%", "%%");
    }

    /**
     * A value of a setting that expands specifiers but not variables (Description=, User=, Group=,
     * WorkingDirectory=): literal parts escaped as {@link #raw}, the specifiers the spec asked for
     * by a bare word written as they are.
     */
    public static String expanding(String value) {
        StringBuilder b = new StringBuilder();
        for (ExecWord.Part p : ExecWord.parts(value)) {
            if (p instanceof ExecWord.Variable) {
                throw new IllegalArgumentException("unchecked variable reached a setting that does not expand variables");
            }
            b.append(p instanceof ExecWord.Literal l ? raw(l.text()) : ExecWord.unitForm(p));
        }
        return b.toString();
    }

    /**
     * One argv word of ExecStart=: literal parts with specifiers, variables and quoting all
     * escaped; the expansions the spec asked for written as they are. systemd unquotes a word
     * first and expands afterwards, so a quoted word still expands its `${X}` and `%m`.
     */
    public static String execWord(String word) {
        List<ExecWord.Part> parts = ExecWord.parts(word);
        if (parts.size() == 1 && !(parts.get(0) instanceof ExecWord.Literal)) {
            return ExecWord.unitForm(parts.get(0)); // a checked variable name or specifier, asked for by a bare word
        }
        StringBuilder escaped = new StringBuilder();
        boolean bare = !word.isEmpty();
        for (ExecWord.Part p : parts) {
            if (p instanceof ExecWord.Literal l) {
                requireSafe(l.text());
                escaped.append(l.text().replace("%", "%%").replace("$", "$$"));
                bare &= BARE_WORD.matcher(l.text()).matches();
            } else if (p instanceof ExecWord.Variable v && v.split()) {
                throw new IllegalArgumentException("unchecked split variable inside a larger word");
            } else {
                escaped.append(ExecWord.unitForm(p));
            }
        }
        return bare ? escaped.toString() : quoted(escaped.toString());
    }

    /** A whole ExecStart= command line. */
    public static String execLine(List<String> argv) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < argv.size(); i++) {
            line.append(i == 0 ? "" : " ").append(execWord(argv.get(i)));
        }
        return line.toString();
    }

    /** An Environment= assignment: {@code "NAME=value"}; {@code $} is literal there, specifiers are not (only those the spec asked for by a word expand). */
    public static String environment(String name, String value) {
        requireSafe(name);
        StringBuilder b = new StringBuilder(name.replace("%", "%%")).append('=');
        for (ExecWord.Part p : ExecWord.parts(value)) {
            if (p instanceof ExecWord.Literal l) {
                requireSafe(l.text());
                b.append(l.text().replace("%", "%%"));
            } else if (p instanceof ExecWord.Specifier) {
                b.append(ExecWord.unitForm(p));
            } else {
                throw new IllegalArgumentException("unchecked variable reached Environment=, which does not expand variables");
            }
        }
        return quoted(b.toString());
    }

    /**
     * One word of a space-separated list setting (ReadWritePaths=): literal parts with `%` escaped,
     * the specifiers the spec asked for written as they are; systemd splits the words first and
     * resolves specifiers in each afterwards, so one quoted word stays one path.
     */
    public static String listWord(String word) {
        StringBuilder escaped = new StringBuilder();
        boolean bare = !word.isEmpty();
        for (ExecWord.Part p : ExecWord.parts(word)) {
            if (p instanceof ExecWord.Literal l) {
                requireSafe(l.text());
                escaped.append(l.text().replace("%", "%%"));
                bare &= BARE_WORD.matcher(l.text()).matches();
            } else if (p instanceof ExecWord.Specifier) {
                escaped.append(ExecWord.unitForm(p));
            } else {
                throw new IllegalArgumentException("unchecked variable reached a list setting, which does not expand variables");
            }
        }
        return bare ? escaped.toString() : quoted(escaped.toString());
    }

    /** Text inside a {@code #} comment line: printable, one line. */
    public static String comment(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp < 0x20 || cp == 0x7f || cp == 0x2028 || cp == 0x2029) {
                b.append(String.format("\\x%02x", cp));
            } else {
                b.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static void requireSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("unchecked control character reached the unit escaper");
            }
        }
        if (value.endsWith("\\")) {
            throw new IllegalArgumentException("unchecked trailing backslash reached the unit escaper");
        }
    }
}
