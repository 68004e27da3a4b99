package dev.deployc.check;

import dev.deployc.diag.Span;
import dev.deployc.schema.BlockDef;
import dev.deployc.schema.KeyDef;
import dev.deployc.schema.Schema;
import dev.deployc.schema.UnitMapping;
import dev.deployc.schema.ValueType;
import dev.deployc.syntax.Ast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a syntax tree against the schema table: known blocks and keys, labels, duplicates,
 * required keys, and each value's type and range. Yields the typed {@link Section} tree.
 */
public final class StructureCheck {

    static final BlockDef ROOT = new BlockDef("", "", BlockDef.Label.NONE, false, true, Optional.empty(), "", "");

    private final Findings findings;
    private final ValueConverter converter;

    public StructureCheck(Findings findings) {
        this.findings = findings;
        this.converter = new ValueConverter(findings);
    }

    public Section check(Ast.Document document) {
        Section root = section(ROOT, Optional.empty(), document.entries());
        for (BlockDef required : Schema.childBlocks("")) {
            if (required.required() && !hasBlock(document.entries(), required.name())) {
                Span start = new Span(0, 0, 1, 1);
                findings.error(start, "the spec has no `" + required.name() + "` block", "add one: `" + required.example() + "`");
            }
        }
        return root;
    }

    private static boolean hasBlock(List<Ast.Entry> entries, String name) {
        for (Ast.Entry e : entries) {
            if (e instanceof Ast.Block b && b.name().equals(name)) return true;
        }
        return false;
    }

    private Section section(BlockDef def, Optional<Ast.Block> block, List<Ast.Entry> entries) {
        java.util.Set<String> broken = new java.util.TreeSet<>();
        Map<String, Section.Setting> settings = new LinkedHashMap<>();
        Map<String, Ast.Attribute> firstKey = new HashMap<>();
        Map<String, Ast.Block> firstBlock = new HashMap<>();
        List<Section> children = new ArrayList<>();
        for (Ast.Entry entry : entries) {
            if (entry instanceof Ast.Attribute a) {
                Ast.Attribute earlierKey = firstKey.putIfAbsent(a.name(), a);
                if (earlierKey != null) {
                    duplicate(earlierKey, a, "duplicate key `" + a.name() + "`" + in(def));
                    continue;
                }
                Optional<KeyDef> key = keyFor(def, a);
                Object value = key.isPresent() ? converter.convert(key.get(), a.value()) : null;
                if (value != null) {
                    settings.put(a.name(), new Section.Setting(a.name(), value, a));
                } else {
                    broken.add(a.name());
                }
            } else if (entry instanceof Ast.Block b) {
                Optional<BlockDef> childDef = blockFor(def, b);
                if (childDef.isEmpty()) continue;
                BlockDef cd = childDef.get();
                if (!(cd.repeatable() && cd.label() == BlockDef.Label.NONE)) {
                    String label = b.label().isPresent() ? b.label().get().text() : "";
                    Ast.Block earlierBlock = firstBlock.putIfAbsent(cd.repeatable() ? b.name() + "\u0000" + label : b.name(), b);
                    if (earlierBlock != null) {
                        duplicate(earlierBlock, b, !cd.repeatable() ? "duplicate block `" + b.name() + "`" + in(def)
                                : label.isEmpty() ? "duplicate " + b.name() + " without a name" + in(def)
                                : "duplicate " + b.name() + " `" + label + "`");
                        continue;
                    }
                }
                if (!labelOk(cd, b)) {
                    section(cd, Optional.of(b), b.entries()); // still report what is inside
                    continue;
                }
                children.add(section(cd, Optional.of(b), b.entries()));
            }
        }
        if (block.isPresent()) requireKeys(def, block.get(), settings);
        return new Section(def, block, settings, children, broken);
    }

    private Optional<KeyDef> keyFor(BlockDef def, Ast.Attribute a) {
        if (def.openKeys().isPresent()) {
            ValueType type = def.openKeys().get();
            if (type == ValueType.RAW) {
                if (!RawSettings.keyOk(findings, def, a)) return Optional.empty();
            } else {
                Optional<String> badName = switch (type) {
                    case STRING -> TextRules.envName(a.name());
                    case PATH -> TextRules.credentialId(a.name());
                    default -> TextRules.sysctlName(a.name());
                };
                if (badName.isPresent()) {
                    findings.error(a.nameSpan(), "`" + a.name() + "` " + badName.get(), null);
                    return Optional.empty();
                }
            }
            return Optional.of(new KeyDef(def.path(), a.name(), type, List.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), false, UnitMapping.none(), "", a.name() + " = \"…\""));
        }
        Optional<KeyDef> key = Schema.key(def.path(), a.name());
        if (key.isPresent()) return key;
        if (Schema.block(childPath(def, a.name())).isPresent()) {
            findings.error(a.nameSpan(), "`" + a.name() + "` is a block, not a key", "write `" + a.name() + " { … }`");
            return Optional.empty();
        }
        findings.error(a.nameSpan(), "unknown key `" + a.name() + "`" + in(def), suggest(def, a.name(), true));
        return Optional.empty();
    }

    private Optional<BlockDef> blockFor(BlockDef def, Ast.Block b) {
        Optional<BlockDef> child = Schema.block(childPath(def, b.name()));
        if (child.isPresent()) return child;
        if (Schema.key(def.path(), b.name()).isPresent()) {
            findings.error(b.nameSpan(), "`" + b.name() + "` is a key, not a block", "write `" + b.name() + " = …`");
        } else {
            findings.error(b.nameSpan(), "unknown block `" + b.name() + "`" + in(def), suggest(def, b.name(), false));
        }
        return Optional.empty();
    }

    private boolean labelOk(BlockDef def, Ast.Block b) {
        if (def.label() == BlockDef.Label.REQUIRED && b.label().isEmpty()) {
            findings.error(b.nameSpan(), "`" + def.name() + "` needs a name", "write `" + def.name() + " \"name\" { … }`");
            return false;
        }
        if (def.label() == BlockDef.Label.NONE && b.label().isPresent()) {
            findings.error(b.label().get().span(), "`" + def.name() + "` takes no name", "write `" + def.name() + " { … }`");
            return false;
        }
        if (b.label().isPresent()) {
            Optional<String> bad = TextRules.unitSafe(b.label().get().text());
            if (bad.isEmpty()) bad = TextRules.name(b.label().get().text());
            if (bad.isPresent()) {
                findings.error(b.label().get().span(), "the " + def.name() + " name `" + b.label().get().text() + "` " + bad.get(),
                        "it becomes part of unit and file names, so it must be safe in both");
                return false;
            }
        }
        return true;
    }

    private void duplicate(Ast.Entry earlier, Ast.Entry entry, String message) {
        findings.add(findings.error(pointAt(entry), message).withRelated("first defined here", pointAt(earlier)));
    }

    private static Span pointAt(Ast.Entry entry) {
        return entry instanceof Ast.Block b ? b.labelOrNameSpan() : entry.nameSpan();
    }

    private void requireKeys(BlockDef def, Ast.Block b, Map<String, Section.Setting> settings) {
        for (KeyDef k : Schema.keys(def.path())) {
            if (!k.required() || settings.containsKey(k.name())) continue;
            // A misspelling of the key already gets "did you mean"; saying it is missing too would be noise.
            if (!misspelt(b.entries(), k.name())) {
                findings.error(b.nameSpan(), "`" + b.title() + "` is missing `" + k.name() + "`", "add `" + k.example() + "`");
            }
        }
    }

    private static boolean misspelt(List<Ast.Entry> entries, String key) {
        for (Ast.Entry e : entries) {
            if (Suggestions.closest(e.name(), List.of(key)).isPresent()) return true;
        }
        return false;
    }

    private String suggest(BlockDef def, String name, boolean isKey) {
        List<String> here = new ArrayList<>();
        for (KeyDef k : Schema.keys(def.path())) {
            here.add(k.name());
        }
        for (BlockDef b : Schema.childBlocks(def.path())) {
            here.add(b.name());
        }
        Optional<String> close = Suggestions.closest(name, here);
        if (close.isPresent()) return "did you mean `" + close.get() + "`?";
        KeyDef elsewhere = isKey ? nestedKey(def, name) : null;
        if (elsewhere != null) {
            String inner = elsewhere.scope().substring(elsewhere.scope().lastIndexOf('.') + 1);
            return "`" + name + "` belongs in the `" + inner + "` block";
        }
        if (here.isEmpty()) return null;
        return (isKey ? "keys" : "blocks and keys") + " here: " + Conversions.quoteAll(here);
    }

    /** The first key called {@code name} in a block nested inside {@code def}, or null. */
    private static KeyDef nestedKey(BlockDef def, String name) {
        String prefix = def.path().isEmpty() ? "" : def.path() + ".";
        for (KeyDef k : Schema.keys()) {
            if (k.name().equals(name) && k.scope().startsWith(prefix)) return k;
        }
        return null;
    }

    private static String childPath(BlockDef def, String name) {
        return def.path().isEmpty() ? name : def.path() + "." + name;
    }

    private static String in(BlockDef def) {
        return def.path().isEmpty() ? "" : " in `" + def.name() + "`";
    }
}
