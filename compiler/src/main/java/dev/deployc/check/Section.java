package dev.deployc.check;

import dev.deployc.diag.Span;
import dev.deployc.schema.BlockDef;
import dev.deployc.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A block whose keys have passed the table's checks: each setting holds its typed value.
 * The root section stands for the file itself and has no syntax block.
 */
public record Section(
        BlockDef def, Optional<Ast.Block> block, Map<String, Setting> settings, List<Section> children, Set<String> broken) {

    public record Setting(String name, Object value, Ast.Attribute attribute) {
        public Span span() {
            return attribute.value().span();
        }
    }

    public Section {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        children = List.copyOf(children);
        broken = Set.copyOf(broken);
    }

    public String label() {
        Optional<Ast.Label> label = block.isPresent() ? block.get().label() : Optional.empty();
        return label.isPresent() ? label.get().text() : "";
    }

    /** Where to point at this block: its label when it has one, else its name. */
    public Span span() {
        return block.orElseThrow().labelOrNameSpan();
    }

    public Optional<Setting> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /** The value the spec gave, or the table's default; empty when unset or when the spec's value was invalid. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> value(String key) {
        Setting s = settings.get(key);
        if (s != null) {
            return Optional.of((T) s.value());
        }
        if (broken.contains(key)) {
            return Optional.empty();
        }
        return (Optional<T>) Defaults.of(def.path() + "." + key);
    }

    /** The table's typed default for a key, or empty when it has none. */
    public static Optional<Object> defaultOf(dev.deployc.schema.KeyDef key) {
        return Defaults.of(key.path());
    }

    public <T> T valueOr(String key, T fallback) {
        return this.<T>value(key).orElse(fallback);
    }

    public List<Section> children(String name) {
        List<Section> named = new ArrayList<>();
        for (Section c : children) {
            if (c.def().name().equals(name)) named.add(c);
        }
        return List.copyOf(named);
    }

    public Optional<Section> child(String name) {
        for (Section c : children) {
            if (c.def().name().equals(name)) return Optional.of(c);
        }
        return Optional.empty();
    }
}
