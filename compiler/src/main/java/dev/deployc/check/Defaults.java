package dev.deployc.check;

import dev.deployc.diag.Source;
import dev.deployc.schema.KeyDef;
import dev.deployc.schema.Schema;
import dev.deployc.syntax.Ast;
import dev.deployc.syntax.SpecParser;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Typed defaults: the table writes each default as the user would write it in a spec, and it is
 * read through the same parser and converter as the user's values, once, on first use.
 */
final class Defaults {

    private static final Map<String, Optional<Object>> CACHE = new ConcurrentHashMap<>();

    private Defaults() {}

    static Optional<Object> of(String keyPath) {
        Optional<Object> known = CACHE.get(keyPath);
        if (known == null) {
            // Two threads may both compute a default; it is the same value, and the first one stored wins.
            Optional<Object> computed = compute(keyPath);
            known = CACHE.putIfAbsent(keyPath, computed);
            if (known == null) known = computed;
        }
        return known;
    }

    private static Optional<Object> compute(String keyPath) {
        int dot = keyPath.lastIndexOf('.');
        Optional<KeyDef> key = Schema.key(keyPath.substring(0, dot), keyPath.substring(dot + 1));
        if (key.isEmpty() || key.get().defaultValue().isEmpty()) {
            return Optional.empty();
        }
        SpecParser.Result parsed = new SpecParser().parse(new Source("<default>", "x = " + key.get().defaultValue().get()));
        Ast.Attribute attribute = (Ast.Attribute) parsed.document().entries().get(0);
        return Optional.ofNullable(new ValueConverter(new Findings("<default>")).convert(key.get(), attribute.value()));
    }
}
