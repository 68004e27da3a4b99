package dev.deployc.emit.docker;

import java.util.List;

/** Typed escapers for Dockerfiles: exec-form JSON arrays and double-quoted instruction values. */
public final class DockerEscaper {

    private DockerEscaper() {}

    /** An exec-form array: {@code ["/bin/app", "--flag"]}. No shell and no variable expansion applies. */
    public static String execForm(List<String> argv) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < argv.size(); i++) {
            array.append(i == 0 ? "" : ", ").append(json(argv.get(i)));
        }
        return array.append(']').toString();
    }

    /** A double-quoted value for LABEL: quotes, backslashes and {@code $} are escaped. */
    public static String labelValue(String value) {
        requireOneLine(value);
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\"";
    }

    static String json(String s) {
        requireOneLine(s);
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                // Same JSON as \" to Docker's parser, and safe from line-based tools that do not read escapes.
                case '"' -> b.append("\\u0022");
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void requireOneLine(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf(0) >= 0) {
            throw new IllegalArgumentException("unchecked line break reached the Dockerfile escaper");
        }
    }
}
