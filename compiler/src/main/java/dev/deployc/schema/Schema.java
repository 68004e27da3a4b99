package dev.deployc.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole language as data: every block and every key is one row. Checks, "did you mean", the
 * unit emitter's mappings and the language reference all read this table. The rows live in one
 * file per group of blocks ({@link CoreKeys}, {@link RuntimeKeys}, {@link SocketKeys},
 * {@link RolloutKeys}, {@link ConditionKeys}, {@link Blocks}); this class composes them, in that order.
 */
public final class Schema {

    private static final List<BlockDef> BLOCKS = Blocks.BLOCKS;

    private static final List<KeyDef> KEYS = concat(CoreKeys.KEYS, RuntimeKeys.KEYS, SocketKeys.KEYS, RolloutKeys.KEYS, ConditionKeys.KEYS);

    private static final Map<String, BlockDef> BLOCKS_BY_PATH = new LinkedHashMap<>();
    private static final Map<String, List<KeyDef>> KEYS_BY_SCOPE = new LinkedHashMap<>();
    /** Scope, then name: the first row of each name, as a search of the scope's rows in order finds it. */
    private static final Map<String, Map<String, KeyDef>> KEYS_BY_NAME = new HashMap<>();

    static {
        for (BlockDef b : BLOCKS) {
            BLOCKS_BY_PATH.put(b.path(), b);
        }
        for (KeyDef k : KEYS) {
            List<KeyDef> inScope = KEYS_BY_SCOPE.get(k.scope());
            if (inScope == null) {
                inScope = new ArrayList<>();
                KEYS_BY_SCOPE.put(k.scope(), inScope);
                KEYS_BY_NAME.put(k.scope(), new HashMap<>());
            }
            inScope.add(k);
            KEYS_BY_NAME.get(k.scope()).putIfAbsent(k.name(), k);
        }
    }

    private Schema() {}

    public static List<BlockDef> blocks() {
        return BLOCKS;
    }

    public static List<KeyDef> keys() {
        return KEYS;
    }

    public static Optional<BlockDef> block(String path) {
        return Optional.ofNullable(BLOCKS_BY_PATH.get(path));
    }

    public static List<BlockDef> childBlocks(String scope) {
        List<BlockDef> children = new ArrayList<>();
        for (BlockDef b : BLOCKS) {
            if (b.parent().equals(scope)) children.add(b);
        }
        return List.copyOf(children);
    }

    public static List<KeyDef> keys(String scope) {
        return KEYS_BY_SCOPE.getOrDefault(scope, List.of());
    }

    public static Optional<KeyDef> key(String scope, String name) {
        Map<String, KeyDef> byName = KEYS_BY_NAME.get(scope);
        return byName == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    public static KeyDef keyAt(String path) {
        int dot = path.lastIndexOf('.');
        Optional<KeyDef> key = key(path.substring(0, dot), path.substring(dot + 1));
        if (key.isEmpty()) throw new IllegalArgumentException("no key " + path);
        return key.get();
    }

    @SafeVarargs
    private static List<KeyDef> concat(List<KeyDef>... groups) {
        List<KeyDef> all = new ArrayList<>();
        for (List<KeyDef> group : groups) {
            all.addAll(group);
        }
        return List.copyOf(all);
    }
}
