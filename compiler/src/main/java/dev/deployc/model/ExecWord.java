package dev.deployc.model;

import dev.deployc.schema.Specifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Text that asks systemd to expand something on purpose: {@code env.NAME} ({@code ${NAME}}),
 * {@code env_split.NAME} ({@code $NAME}, split on whitespace, only as a whole word) and the
 * specifier words ({@code instance} is {@code %i}, {@code machine_id} is {@code %m}, …). They are
 * bare words in the spec, never inside a string, so an expansion cannot happen by accident; a word
 * made of parts ({@code ["--name=", machine_id]}) splices them with literal text.
 *
 * <p>Inside the compiler such a text is a string in which each expansion is a token: NUL, a kind
 * ({@code {}, {@code $} or {@code %}), the name or specifier letter, and SOH. No checked string
 * can contain NUL or SOH, so a token never comes from the spec's text, and everything between
 * tokens is literal, which the typed escapers escape.
 */
public final class ExecWord {

    private static final char MARK = '\u0000';
    private static final char END = '\u0001';

    private ExecWord() {}

    /** One part of a text: literal characters, a variable, or a specifier. */
    public sealed interface Part {}

    public record Literal(String text) implements Part {}

    public record Variable(String name, boolean split) implements Part {}

    public record Specifier(char letter) implements Part {}

    public static String variable(String name, boolean split) {
        return MARK + (split ? "$" : "{") + name + END;
    }

    public static String specifier(char letter) {
        return "" + MARK + '%' + letter + END;
    }

    /** The instance inside a text (Description=), written `%I` (unescaped, for people). */
    public static final String INSTANCE_IN_TEXT = specifier('I');

    public static String instance() {
        return specifier('i');
    }

    /** Whether the text asks for any expansion. */
    public static boolean isSpecial(String word) {
        return word.indexOf(MARK) >= 0;
    }

    /** The text's parts, in order; literal runs are never empty. */
    public static List<Part> parts(String word) {
        List<Part> out = new ArrayList<>();
        int i = 0;
        while (i < word.length()) {
            int mark = word.indexOf(MARK, i);
            if (mark < 0) {
                out.add(new Literal(word.substring(i)));
                break;
            }
            if (mark > i) out.add(new Literal(word.substring(i, mark)));
            int end = word.indexOf(END, mark);
            char kind = word.charAt(mark + 1);
            String rest = word.substring(mark + 2, end);
            out.add(kind == '%' ? new Specifier(rest.charAt(0)) : new Variable(rest, kind == '$'));
            i = end + 1;
        }
        return out;
    }

    /** The text the parts make. */
    public static String of(List<Part> parts) {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) b.append(l.text());
            else if (p instanceof Variable v) b.append(variable(v.name(), v.split()));
            else b.append(specifier(((Specifier) p).letter()));
        }
        return b.toString();
    }

    /** The variable a word expands, if the whole word is one variable. */
    public static Optional<String> variableName(String word) {
        List<Part> parts = parts(word);
        return parts.size() == 1 && parts.get(0) instanceof Variable v ? Optional.of(v.name()) : Optional.empty();
    }

    /** Every variable the text expands. */
    public static List<String> variableNames(String word) {
        List<String> names = new ArrayList<>();
        for (Part p : parts(word)) {
            if (p instanceof Variable v) names.add(v.name());
        }
        return List.copyOf(names);
    }

    /** Every specifier letter the text asks for. */
    public static List<Character> specifiers(String word) {
        List<Character> letters = new ArrayList<>();
        for (Part p : parts(word)) {
            if (p instanceof Specifier s) letters.add(s.letter());
        }
        return List.copyOf(letters);
    }

    /** How a part is written in a unit file, before any quoting. */
    public static String unitForm(Part part) {
        if (part instanceof Literal l) return l.text();
        if (part instanceof Variable v) return v.split() ? "$" + v.name() : "${" + v.name() + "}";
        return "%" + ((Specifier) part).letter();
    }

    /** How the text is written in a spec: a word, a quoted string, or a list of parts. */
    public static String specForm(String word) {
        List<Part> parts = parts(word);
        List<String> shown = new ArrayList<>();
        for (Part p : parts) {
            shown.add(p instanceof Literal l ? "\"" + l.text() + "\""
                    : p instanceof Variable v ? (v.split() ? "env_split." : "env.") + v.name()
                    : Specifiers.word(((Specifier) p).letter()));
        }
        return shown.size() == 1 ? shown.get(0) : "[" + String.join(", ", shown) + "]";
    }
}
