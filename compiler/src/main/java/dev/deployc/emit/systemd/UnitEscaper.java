package dev.deployc.emit.systemd;

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

    /** A raw value in which the spec asked for the instance (`%I`); everything else is escaped as {@link #raw}. */
    public static String rawWithInstance(String value) {
        String[] parts = value.split(java.util.regex.Pattern.quote(dev.deployc.model.ExecWord.INSTANCE_IN_TEXT), -1);
        return String.join("%I", java.util.Arrays.stream(parts).map(p -> p.isEmpty() ? "" : raw(p)).toList());
    }

    /** One argv word of ExecStart=: specifiers, variables and quoting all escaped. */
    public static String execWord(String word) {
        if (dev.deployc.model.ExecWord.isSpecial(word)) {
            return dev.deployc.model.ExecWord.unitForm(word); // a checked variable name or %i, asked for by a bare word
        }
        requireSafe(word);
        String escaped = word.replace("%", "%%").replace("$", "$$");
        if (!word.isEmpty() && BARE_WORD.matcher(word).matches()) {
            return escaped;
        }
        return quoted(escaped);
    }

    /** A whole ExecStart= command line. */
    public static String execLine(List<String> argv) {
        return String.join(" ", argv.stream().map(UnitEscaper::execWord).toList());
    }

    /** An Environment= assignment: {@code "NAME=value"}; {@code $} is literal there, specifiers are not. */
    public static String environment(String name, String value) {
        requireSafe(name);
        requireSafe(value);
        return quoted((name + "=" + value).replace("%", "%%"));
    }

    /** One word of a space-separated list setting (ReadWritePaths=). */
    public static String listWord(String word) {
        requireSafe(word);
        String escaped = word.replace("%", "%%");
        return !word.isEmpty() && BARE_WORD.matcher(word).matches() ? escaped : quoted(escaped);
    }

    /** Text inside a {@code #} comment line: printable, one line. */
    public static String comment(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || cp == 0x2028 || cp == 0x2029) {
                b.append(String.format("\\x%02x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
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
