package dev.deployc.emit.systemd;

import dev.deployc.schema.KeyDef;
import java.math.BigDecimal;
import java.time.Duration;

/** Formats a typed value the way its unit key expects it. */
final class UnitValues {

    private static final String[] SIZE_SUFFIX = {"T", "G", "M", "K"};
    private static final int[] SIZE_SHIFT = {40, 30, 20, 10};

    private UnitValues() {}

    /** The values of a key's lines: one for most keys, one per item for keys systemd reads once per path or rule. */
    static java.util.List<String> lines(KeyDef key, Object value) {
        return switch (key.type()) {
            case CONDITION_PATHS -> ((java.util.List<?>) value).stream().map(v -> UnitEscaper.expanding(v.toString())).toList();
            case DEVICES, STRINGS -> ((java.util.List<?>) value).stream()
                    .map(v -> UnitEscaper.raw(v.toString())).toList();
            default -> java.util.List.of(format(key, value));
        };
    }

    static String format(KeyDef key, Object value) {
        return switch (key.type()) {
            // Checked URIs have no spaces or quotes; systemd reads `man:x(1)` as one word, unquoted.
            case DOC_URLS -> String.join(" ", ((java.util.List<?>) value).stream().map(v -> UnitEscaper.raw(v.toString())).toList());
            case EXIT_STATUSES, DIRECTORIES -> String.join(" ",
                    ((java.util.List<?>) value).stream().map(v -> UnitEscaper.listWord(v.toString())).toList());
            case LIMIT, SIGNAL, MODE -> value.toString();
            case SIZE_LIMIT -> value instanceof Long l ? size(l) : value.toString();
            case DURATION -> duration((Duration) value);
            case SIZE -> size((Long) value);
            case PERCENT -> ((BigDecimal) value).stripTrailingZeros().toPlainString() + "%";
            case BOOL -> (Boolean) value ? "yes" : "no";
            case INTEGER, ENUM -> value.toString();
            case PATH, USER -> UnitEscaper.expanding(value.toString()); // WorkingDirectory=, SocketUser=: specifiers only where the checker let the spec ask

            default -> UnitEscaper.raw(value.toString());
        };
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) return "0";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "min";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }

    static String size(long bytes) {
        for (int i = 0; i < SIZE_SUFFIX.length; i++) {
            long unit = 1L << SIZE_SHIFT[i];
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + SIZE_SUFFIX[i];
            }
        }
        return Long.toString(bytes);
    }
}
