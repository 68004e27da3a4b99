package dev.deployc.check;

import dev.deployc.schema.KeyDef;
import dev.deployc.schema.ValueType;
import dev.deployc.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every converter shares: reading a string or a list, and reporting a value of the wrong type.
 * The converters return {@code null} after reporting.
 */
abstract class Conversions {

    /** The generic help for a value that should have been a string; a more specific one replaces it. */
    static final String IN_QUOTES = "write it in double quotes";

    final Findings findings;

    Conversions(Findings findings) {
        this.findings = findings;
    }

    Object text(KeyDef key, Ast.Value v, Function<String, Optional<String>> rule) {
        if (v instanceof Ast.Number n && key.type() == ValueType.SYSCTL_VALUE) {
            return n.source();
        }
        if (!(v instanceof Ast.Text t)) {
            return wrongType(key, v, key.type() == ValueType.TEXT || key.type() == ValueType.STRING || key.type() == ValueType.TEMPLATE_TEXT
                    ? IN_QUOTES : null);
        }
        Optional<String> unsafe = key.type() == ValueType.NAME || key.type() == ValueType.USER
                ? TextRules.unitSafe(t.value()) : Optional.empty();
        if (unsafe.isEmpty()) unsafe = rule.apply(t.value());
        if (unsafe.isPresent()) {
            findings.error(t.span(), "`" + key.name() + "` " + unsafe.get(), null);
            return null;
        }
        return t.value();
    }

    /** One item of a list value of {@code key}, converted the way this converter's lists are; null when it was reported. */
    Object listItem(KeyDef key, Ast.Value item) {
        throw new IllegalStateException("`" + key.path() + "` takes no list");
    }

    List<Object> list(KeyDef key, Ast.Value v, boolean singleAllowed) {
        List<Ast.Value> items;
        if (v instanceof Ast.ListOf l) {
            items = l.items();
        } else if (singleAllowed) {
            items = List.of(v);
        } else {
            wrongType(key, v, "write a list: `" + key.name() + " = [ … ]`");
            return null;
        }
        List<Object> out = new ArrayList<>();
        boolean ok = true;
        for (Ast.Value i : items) {
            Object converted = listItem(key, i);
            ok &= converted != null;
            out.add(converted);
        }
        return ok ? List.copyOf(out) : null;
    }

    Object wrongType(KeyDef key, Ast.Value v, String help) {
        findings.error(v.span(), "`" + key.name() + "` takes " + article(key.type()) + ", not " + describe(v),
                help != null && !help.equals(IN_QUOTES) ? help
                        : expansionHere(v).orElse(help != null ? help : "for example `" + (key.example().isEmpty() ? key.name() + " = …" : key.example()) + "`"));
        return null;
    }

    /** The help for a word systemd would expand, written where it does not (or where deployc does not let it). */
    private static Optional<String> expansionHere(Ast.Value v) {
        if (!(v instanceof Ast.Word w)) return Optional.empty();
        boolean variable = w.word().startsWith("env.") || w.word().startsWith("env_split.");
        if (dev.deployc.schema.Specifiers.byWord(w.word()).isEmpty() && !variable) return Optional.empty();
        return Optional.of("`" + w.word() + "` asks systemd to expand " + (variable ? "a variable" : "a specifier")
                + "; a spec may ask for that only in command lines" + (variable ? "" : ", `env` values, the service's `description` and paths made of parts")
                + " (see `deployc explain " + (variable ? "exec" : w.word()) + "`); here write the value itself in double quotes");
    }

    Object wrongUnit(KeyDef key, Ast.Value v, String message, String help) {
        findings.error(v.span(), "`" + key.name() + "`: " + message, help);
        return null;
    }

    static String describe(Ast.Value v) {
        if (v instanceof Ast.Word w) return "the word `" + w.word() + "`";
        if (v instanceof Ast.Number n) return "the number `" + n.source() + "`";
        if (v instanceof Ast.Quantity q) return "`" + q.source() + "`";
        return v instanceof Ast.Text ? "a string" : "a list";
    }

    static String article(ValueType t) {
        String title = t.title();
        if (t == ValueType.ENUM) return "a word";
        return ("aeiouAEIOU".indexOf(title.charAt(0)) >= 0 && !title.startsWith("URL") && !title.startsWith("u") ? "an " : "a ") + title;
    }

    static String quoteAll(List<String> words) {
        return "`" + String.join("`, `", words) + "`";
    }

    static String w(Ast.Value v) {
        return ((Ast.Word) v).word();
    }
}
