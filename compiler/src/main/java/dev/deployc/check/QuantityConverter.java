package dev.deployc.check;

import dev.deployc.schema.KeyDef;
import dev.deployc.syntax.Ast;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** Numbers with and without units: durations, sizes, percentages, limits, modes and ranges. */
final class QuantityConverter extends Conversions {

    private static final Map<String, Long> DURATION_UNITS = Map.of(
            "ms", 1L, "s", 1000L, "m", 60_000L, "min", 60_000L, "h", 3_600_000L, "d", 86_400_000L);
    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30, "TiB", 1L << 40);
    private static final Map<String, String> SIZE_MISTAKES = Map.of(
            "K", "KiB", "KB", "KiB", "kB", "KiB", "M", "MiB", "MB", "MiB", "G", "GiB", "GB", "GiB", "T", "TiB", "TB", "TiB");

    private static final long MAX_DURATION_MS = 100L * 365 * 86_400_000L;

    QuantityConverter(Findings findings) {
        super(findings);
    }

    Object duration(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Number n) {
            return wrongUnit(key, n, "a duration needs a unit", "write `" + n.source() + "s` for seconds");
        }
        if (!(v instanceof Ast.Quantity q)) return wrongType(key, v, "write a duration such as `5s` or `10m`");
        Long perUnit = DURATION_UNITS.get(q.unit());
        if (perUnit == null) {
            return wrongUnit(key, q, "`" + q.unit() + "` is not a unit of time", "use `ms`, `s`, `m`, `h` or `d`");
        }
        BigDecimal ms = q.amount().multiply(BigDecimal.valueOf(perUnit));
        if (ms.stripTrailingZeros().scale() > 0) {
            return wrongUnit(key, q, "`" + q.source() + "` is not a whole number of milliseconds", null);
        }
        if (ms.compareTo(BigDecimal.valueOf(MAX_DURATION_MS)) > 0) {
            return wrongUnit(key, q, "`" + q.source() + "` is longer than 100 years", null);
        }
        if (!inRange(key, q, ms.divide(BigDecimal.valueOf(1000)), q.source())) return null;
        return Duration.ofMillis(ms.longValueExact());
    }

    Object size(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Number n) {
            return wrongUnit(key, n, "a size needs a unit", "write `" + n.source() + "MiB`, or `" + n.source() + "B` for bytes");
        }
        if (!(v instanceof Ast.Quantity q)) return wrongType(key, v, "write a size such as `512MiB`");
        Long perUnit = SIZE_UNITS.get(q.unit());
        if (perUnit == null) {
            String fix = SIZE_MISTAKES.get(q.unit());
            return wrongUnit(key, q, "`" + q.unit() + "` is not a size unit here",
                    fix != null ? "sizes count in powers of 1024, as systemd does: write `" + q.amount().toPlainString() + fix + "`"
                            : "use `B`, `KiB`, `MiB`, `GiB` or `TiB`");
        }
        BigDecimal bytes = q.amount().multiply(BigDecimal.valueOf(perUnit));
        if (bytes.stripTrailingZeros().scale() > 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            return wrongUnit(key, q, "`" + q.source() + "` is not a whole number of bytes", null);
        }
        return inRange(key, q, bytes, q.source()) ? bytes.longValueExact() : null;
    }

    Object percent(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Number n) return wrongUnit(key, n, "a percentage needs `%`", percentHelp(key, n));
        if (!(v instanceof Ast.Quantity q) || !q.unit().equals("%")) return wrongType(key, v, "write a percentage such as `75%`");
        return inRange(key, q, q.amount(), q.source()) ? q.amount() : null;
    }

    /**
     * {@code cpu = 1.5} means one and a half CPUs, which systemd writes {@code 150%}; a small or
     * fractional number of CPUs is read that way, a larger whole number as the percentage meant.
     */
    static String percentHelp(KeyDef key, Ast.Number n) {
        boolean cpus = key.name().equals("cpu") && n.value().signum() > 0
                && (n.value().stripTrailingZeros().scale() > 0 || n.value().compareTo(java.math.BigDecimal.valueOf(8)) <= 0);
        if (cpus) {
            String percent = n.value().multiply(java.math.BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString();
            return "write `" + percent + "%` for " + n.source() + (n.value().compareTo(java.math.BigDecimal.ONE) == 0 ? " CPU" : " CPUs")
                    + " (100% is one whole CPU)";
        }
        return "write `" + n.source() + "%`" + (key.name().equals("cpu") ? " (100% is one whole CPU)" : "");
    }

    Object integer(KeyDef key, Ast.Value v) {
        if (!(v instanceof Ast.Number n) || n.value().stripTrailingZeros().scale() > 0) {
            return wrongType(key, v, v instanceof Ast.Quantity q ? "write a plain number without `" + q.unit() + "`" : null);
        }
        return inRange(key, v, n.value(), n.source()) ? n.value().longValueExact() : null;
    }

    Object number(KeyDef key, Ast.Value v) {
        if (!(v instanceof Ast.Number n)) return wrongType(key, v, null);
        return n.value();
    }

    Object limit(KeyDef key, Ast.Value v) {
        return infinity(v) ? "infinity" : integer(key, v);
    }

    Object sizeLimit(KeyDef key, Ast.Value v) {
        return infinity(v) ? "infinity" : size(key, v);
    }

    private static boolean infinity(Ast.Value v) {
        return v instanceof Ast.Word w && w.word().equals("infinity");
    }

    Object mode(KeyDef key, Ast.Value v) {
        String text = v instanceof Ast.Text t ? t.value() : v instanceof Ast.Number n ? n.source() : null;
        if (text == null) return wrongType(key, v, "write an octal mode in quotes, such as `" + key.name() + " = \"0750\"`");
        if (!text.matches("[0-7]{3,4}")) {
            findings.error(v.span(), "`" + text + "` is not an octal file mode", "use three or four digits 0–7, such as \"0750\"");
            return null;
        }
        return text.length() == 3 ? "0" + text : text;
    }

    Object umask(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Word w && (w.word().equals("true") || w.word().equals("false"))) return Boolean.valueOf(w.word());
        return mode(key, v);
    }

    boolean inRange(KeyDef key, Ast.Value v, BigDecimal value, String shown) {
        boolean low = key.min().isPresent() && value.compareTo(key.min().get()) < 0;
        boolean high = key.max().isPresent() && value.compareTo(key.max().get()) > 0;
        if (low || high) {
            findings.error(v.span(), "`" + key.name() + "` is " + shown + ", outside its range", rangeText(key));
            return false;
        }
        return true;
    }

    static String rangeText(KeyDef key) {
        String unit = switch (key.type()) {
            case DURATION -> "s";
            case PERCENT -> "%";
            case SIZE -> " bytes";
            default -> "";
        };
        if (key.min().isPresent() && key.max().isPresent()) {
            return "`" + key.name() + "` takes " + key.min().get().toPlainString() + unit + " to " + key.max().get().toPlainString() + unit;
        }
        if (key.min().isPresent()) return "`" + key.name() + "` must be at least " + key.min().get().toPlainString() + unit;
        return "`" + key.name() + "` must be at most " + key.max().orElseThrow().toPlainString() + unit;
    }
}
