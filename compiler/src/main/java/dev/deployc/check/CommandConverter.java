package dev.deployc.check;

import dev.deployc.schema.KeyDef;
import dev.deployc.syntax.Ast;
import java.util.List;
import java.util.Optional;

/** Command lines and the words systemd expands in them. */
final class CommandConverter extends Conversions {

    CommandConverter(Findings findings) {
        super(findings);
    }

    Object argv(KeyDef key, Ast.Value v) {
        @SuppressWarnings("unchecked")
        List<Object> words = (List<Object>) list(key, v, false, item -> execWord(key, item));
        if (words == null) {
            return null;
        }
        if (words.isEmpty()) {
            findings.error(v.span(), "`" + key.name() + "` is empty", "name the program: `[\"/usr/bin/program\"]`");
            return null;
        }
        Ast.Value first = ((Ast.ListOf) v).items().get(0);
        if (dev.deployc.model.ExecWord.isSpecial((String) words.get(0))) {
            findings.error(first.span(), "the program of `" + key.name() + "` cannot be `" + dev.deployc.model.ExecWord.specForm((String) words.get(0)) + "`",
                    "systemd runs only a literal absolute path; pass variables as arguments after it");
            return null;
        }
        Optional<String> bad = TextRules.absolutePath((String) words.get(0)).or(() -> TextRules.programPath((String) words.get(0)));
        if (bad.isPresent()) {
            findings.error(first.span(), "the program `" + words.get(0) + "` " + bad.get(),
                    "systemd needs the program as an absolute path such as \"/opt/app/app/current/bin/app\"");
            return null;
        }
        return words;
    }

    /** A literal string, or one of the bare words systemd expands: `env.NAME`, `env_split.NAME`, `instance`. */
    Object execWord(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Word w) {
            String word = w.word();
            if (word.equals("instance")) return dev.deployc.model.ExecWord.instance();
            for (String prefix : List.of("env.", "env_split.")) {
                if (word.startsWith(prefix) && TextRules.envName(word.substring(prefix.length())).isEmpty()) {
                    return dev.deployc.model.ExecWord.variable(word.substring(prefix.length()), prefix.equals("env_split."));
                }
            }
            findings.error(v.span(), "`" + key.name() + "` cannot hold the word `" + word + "`",
                    "write text in double quotes; the bare words here are `env.NAME` (one argument), `env_split.NAME` "
                            + "(split on spaces) and `instance` (a template's instance)");
            return null;
        }
        return text(key, v, TextRules::unitSafe);
    }

    Object templateText(KeyDef key, Ast.ListOf l) {
        StringBuilder b = new StringBuilder();
        for (Ast.Value item : l.items()) {
            if (item instanceof Ast.Word w && w.word().equals("instance")) {
                b.append(dev.deployc.model.ExecWord.INSTANCE_IN_TEXT);
                continue;
            }
            Object part = text(key, item, TextRules::unitSafe);
            if (part == null) return null;
            b.append(part);
        }
        if (b.length() == 0) return wrongType(key, l, null);
        return b.toString();
    }

    Object command(KeyDef key, Ast.Value v) {
        if (!(v instanceof Ast.ListOf l)) {
            return wrongType(key, v, "each command is a list: `" + key.name() + " = [[\"/usr/bin/x\", \"--flag\"]]`");
        }
        boolean mayFail = !l.items().isEmpty() && l.items().get(0) instanceof Ast.Word w && w.word().equals("may_fail");
        List<Ast.Value> rest = mayFail ? l.items().subList(1, l.items().size()) : l.items();
        Object argv = argv(key, new Ast.ListOf(rest, l.span()));
        return argv == null ? null : new dev.deployc.model.Command(mayFail, cast(argv));
    }

    @SuppressWarnings("unchecked")
    static List<String> cast(Object o) {
        return (List<String>) o;
    }
}
