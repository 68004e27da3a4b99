package dev.deployc.check;

import dev.deployc.check.ValueConverter.TextRule;
import dev.deployc.model.ExecWord;
import dev.deployc.schema.KeyDef;
import dev.deployc.schema.Specifiers;
import dev.deployc.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Command lines and the words systemd expands in them. */
final class CommandConverter extends Conversions {

    CommandConverter(Findings findings) {
        super(findings);
    }

    Object argv(KeyDef key, Ast.Value v) {
        @SuppressWarnings("unchecked")
        List<Object> words = (List<Object>) list(key, v, false);
        if (words == null) {
            return null;
        }
        if (words.isEmpty()) {
            findings.error(v.span(), "`" + key.name() + "` is empty", "name the program: `[\"/usr/bin/program\"]`");
            return null;
        }
        Ast.Value first = ((Ast.ListOf) v).items().get(0);
        if (ExecWord.isSpecial((String) words.get(0))) {
            findings.error(first.span(), "the program of `" + key.name() + "` cannot be `" + ExecWord.specForm((String) words.get(0)) + "`",
                    "systemd runs only a literal absolute path; pass variables as arguments after it");
            return null;
        }
        Optional<String> bad = TextRules.absolutePath((String) words.get(0));
        if (bad.isEmpty()) bad = TextRules.programPath((String) words.get(0));
        if (bad.isPresent()) {
            findings.error(first.span(), "the program `" + words.get(0) + "` " + bad.get(),
                    "systemd needs the program as an absolute path such as \"/opt/app/app/current/bin/app\"");
            return null;
        }
        return words;
    }

    @Override
    Object listItem(KeyDef key, Ast.Value item) {
        return execWord(key, item);
    }

    /** Where an expansion would land, which decides what systemd expands there. */
    enum Place {
        /** A command-line word (ExecStart= and the like): variables and specifiers. */
        COMMAND,
        /** A setting that expands specifiers but not variables (Environment=, Description=, WorkingDirectory=). */
        TEXT,
        /** Text systemd never sees (the health probe), where nothing expands. */
        NOTHING
    }

    /** A literal string, a bare word systemd expands, or a word made of parts (`["--name=", machine_id]`). */
    Object execWord(KeyDef key, Ast.Value v) {
        Place place = key.path().equals("service.health.command") ? Place.NOTHING : Place.COMMAND;
        if (v instanceof Ast.ListOf l) return spliced(key, l, place);
        if (v instanceof Ast.Word w) return expansion(key, w, place, true);
        return text(key, v, TextRule.UNIT_SAFE);
    }

    /** A string, a specifier word, or a list of strings and specifier words (`env` values, `workdir`). */
    Object expandingText(KeyDef key, Ast.Value v, Function<String, Optional<String>> rule) {
        if (v instanceof Ast.ListOf l) return spliced(key, l, Place.TEXT);
        if (v instanceof Ast.Word w) return expansion(key, w, Place.TEXT, true);
        return text(key, v, rule);
    }

    /** One word made of literal strings and expansions, joined without spaces. */
    Object spliced(KeyDef key, Ast.ListOf l, Place place) {
        if (l.items().isEmpty()) {
            findings.error(l.span(), "a word of `" + key.name() + "` made of parts needs at least one part",
                    "write the parts in the list, such as `[\"--name=\", machine_id]`, or drop the empty list");
            return null;
        }
        StringBuilder b = new StringBuilder();
        boolean ok = true;
        for (Ast.Value item : l.items()) {
            Object part;
            if (item instanceof Ast.Word w) {
                part = expansion(key, w, place, l.items().size() == 1);
            } else if (item instanceof Ast.Text) {
                part = text(key, item, TextRule.UNIT_SAFE);
            } else {
                findings.error(item.span(), "a part of a word in `" + key.name() + "` must be a string or a bare word, not " + describe(item),
                        "a word made of parts is one flat list, such as `[\"--data-dir=\", state_root, \"/app\"]`");
                part = null;
            }
            ok &= part != null;
            if (part != null) b.append(part);
        }
        return ok ? b.toString() : null;
    }

    /** A bare word asking systemd to expand: a specifier word, `env.NAME` or `env_split.NAME`; {@code whole}: the word stands alone. */
    Object expansion(KeyDef key, Ast.Word w, Place place, boolean whole) {
        String word = w.word();
        Optional<Specifiers.Word> specifier = Specifiers.byWord(word);
        boolean variable = false;
        boolean split = false;
        String name = null;
        for (String prefix : List.of("env.", "env_split.")) {
            if (word.startsWith(prefix) && TextRules.envName(word.substring(prefix.length())).isEmpty()) {
                variable = true;
                split = prefix.equals("env_split.");
                name = word.substring(prefix.length());
            }
        }
        if (place == Place.NOTHING && (specifier.isPresent() || variable)) {
            findings.error(w.span(), "`" + key.name() + "` is run by the rollout, not by systemd, so nothing expands `" + word + "` here",
                    "write the value itself in double quotes");
            return null;
        }
        if (specifier.isPresent()) return ExecWord.specifier(specifier.get().letter());
        if (variable && place == Place.TEXT) {
            String where = key.scope().equals("service.env") ? "env." + key.name() : key.name();
            findings.error(w.span(), "systemd does not expand variables in `" + where + "`, so `" + word + "` cannot stand here",
                    "only command lines expand `env.NAME`; here the bare words are the specifiers: " + Specifiers.listed());
            return null;
        }
        if (variable && split && !whole) {
            findings.error(w.span(), "`" + word + "` cannot be part of a larger word: systemd splits `$" + name + "` only as a word of its own",
                    "use `env." + name + "` (`${" + name + "}`, spliced as it is, never split), or make `" + word + "` a separate argument");
            return null;
        }
        if (variable) return ExecWord.variable(name, split);
        List<String> known = new ArrayList<>();
        for (Specifiers.Word s : Specifiers.all()) {
            known.add(s.word());
        }
        Optional<String> closest = Suggestions.closest(word, known);
        String words = place == Place.COMMAND ? "`env.NAME` (one argument), `env_split.NAME` (split on spaces) and the specifiers "
                : "the specifiers ";
        findings.error(w.span(), "`" + key.name() + "` cannot hold the word `" + word + "`",
                (closest.isPresent() ? "did you mean `" + closest.get() + "`? " : "")
                        + "write text in double quotes; the bare words here are " + words + Specifiers.listed());
        return null;
    }

    /**
     * A path made of parts (`workdir = [state_root, "/app"]`): it must start with a literal `/` or a
     * directory root word, so it is absolute once systemd expands it; a trailing `/` is dropped.
     * {@code prefix}, when not empty, is a character the path may start with (`-` optional, `!` negated).
     */
    Object expandingPath(KeyDef key, Ast.ListOf l, String prefix) {
        Object joined = spliced(key, l, Place.TEXT);
        if (joined == null) return null;
        List<ExecWord.Part> parts = new ArrayList<>(ExecWord.parts((String) joined));
        String marked = "";
        if (!prefix.isEmpty() && parts.get(0) instanceof ExecWord.Literal lit && lit.text().startsWith(prefix)) {
            marked = prefix;
            if (lit.text().length() == 1) parts.remove(0); else parts.set(0, new ExecWord.Literal(lit.text().substring(1)));
        }
        if (parts.isEmpty()) return wrongType(key, l, null);
        ExecWord.Part first = parts.get(0);
        boolean rooted = first instanceof ExecWord.Literal lit ? lit.text().startsWith("/")
                : first instanceof ExecWord.Specifier sp && DIRECTORY_ROOTS.indexOf(sp.letter()) >= 0;
        StringBuilder stand = new StringBuilder();
        for (ExecWord.Part p : parts) {
            stand.append(p instanceof ExecWord.Literal lit ? lit.text() : p == first ? "/root" : "x");
        }
        Optional<String> bad = rooted ? TextRules.absolutePath(stand.toString().replaceAll("(.)/+$", "$1")) : Optional.of("is not absolute");
        if (bad.isPresent()) {
            findings.error(l.span(), "`" + key.name() + "` " + bad.get(), rooted ? null
                    : "start it with \"/\" or a directory root word (`runtime_root`, `state_root`, `cache_root`, `logs_root`, "
                            + "`config_root`, `credentials_directory`), such as `[" + (marked.isEmpty() ? "" : "\"" + marked + "\", ")
                            + "state_root, \"/app\"]`");
            return null;
        }
        int last = parts.size() - 1;
        if (last > 0 && parts.get(last) instanceof ExecWord.Literal lit && lit.text().endsWith("/")) {
            String trimmed = lit.text().replaceAll("/+$", "");
            if (trimmed.isEmpty()) parts.remove(last); else parts.set(last, new ExecWord.Literal(trimmed));
        }
        if (!marked.isEmpty()) parts.add(0, new ExecWord.Literal(marked));
        return ExecWord.of(parts);
    }

    private static final String DIRECTORY_ROOTS = "tSCLEd";

    /** `description`: strings and specifier words; `instance` here is the unescaped `%I`, for people. */
    Object templateText(KeyDef key, Ast.ListOf l) {
        List<Ast.Value> items = new ArrayList<>();
        for (Ast.Value i : l.items()) {
            items.add(i instanceof Ast.Word w && w.word().equals("instance") ? new Ast.Word("instance_unescaped", w.span()) : i);
        }
        Object text = spliced(key, new Ast.ListOf(items, l.span()), Place.TEXT);
        if (text != null && ((String) text).isEmpty()) return wrongType(key, l, null);
        return text;
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
