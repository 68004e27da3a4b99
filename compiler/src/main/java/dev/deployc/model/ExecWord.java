package dev.deployc.model;

import java.util.Optional;

/**
 * The words of a command line that systemd expands on purpose: {@code env.NAME} ({@code ${NAME}},
 * one argument), {@code env_split.NAME} ({@code $NAME}, split on whitespace) and {@code instance}
 * ({@code %i} in a template unit). They are written as bare words in the spec, never inside a
 * string, so an expansion cannot happen by accident. Inside the compiler they are strings that
 * start with NUL, which no checked string can contain.
 */
public final class ExecWord {

    private static final char MARK = '\u0000';

    private ExecWord() {}

    public static String variable(String name, boolean split) {
        return MARK + (split ? "$" : "{") + name;
    }

    /** The instance inside a text (Description=), written `%I` (unescaped, for people). */
    public static final String INSTANCE_IN_TEXT = MARK + "%I";

    public static String instance() {
        return MARK + "%i";
    }

    public static boolean isSpecial(String word) {
        return !word.isEmpty() && word.charAt(0) == MARK;
    }

    /** The variable a word expands, if it is a variable word. */
    public static Optional<String> variableName(String word) {
        if (!isSpecial(word) || word.charAt(1) == '%') return Optional.empty();
        return Optional.of(word.substring(2));
    }

    /** How the word is written in a unit file. */
    public static String unitForm(String word) {
        char kind = word.charAt(1);
        String rest = word.substring(2);
        return switch (kind) {
            case '$' -> "$" + rest;
            case '{' -> "${" + rest + "}";
            default -> "%" + rest;
        };
    }

    /** How the word is written in a spec. */
    public static String specForm(String word) {
        char kind = word.charAt(1);
        String rest = word.substring(2);
        return switch (kind) {
            case '$' -> "env_split." + rest;
            case '{' -> "env." + rest;
            default -> "instance";
        };
    }
}
