package dev.deployc.schema;

import java.util.ArrayList;
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

    private static final List<KeyDef> KEYS = java.util.stream.Stream.of(CoreKeys.KEYS, RuntimeKeys.KEYS, SocketKeys.KEYS,
            RolloutKeys.KEYS, ConditionKeys.KEYS).flatMap(List::stream).toList();

    private static final Map<String, BlockDef> BLOCKS_BY_PATH = new LinkedHashMap<>();
    private static final Map<String, List<KeyDef>> KEYS_BY_SCOPE = new LinkedHashMap<>();

    static {
        BLOCKS.forEach(b -> BLOCKS_BY_PATH.put(b.path(), b));
        KEYS.forEach(k -> KEYS_BY_SCOPE.computeIfAbsent(k.scope(), s -> new ArrayList<>()).add(k));
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
        return BLOCKS.stream().filter(b -> b.parent().equals(scope)).toList();
    }

    public static List<KeyDef> keys(String scope) {
        return KEYS_BY_SCOPE.getOrDefault(scope, List.of());
    }

    public static Optional<KeyDef> key(String scope, String name) {
        return keys(scope).stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public static KeyDef keyAt(String path) {
        int dot = path.lastIndexOf('.');
        return key(path.substring(0, dot), path.substring(dot + 1))
                .orElseThrow(() -> new IllegalArgumentException("no key " + path));
    }
}
