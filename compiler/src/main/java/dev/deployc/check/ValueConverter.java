package dev.deployc.check;

import dev.deployc.model.ListenAddress;
import dev.deployc.model.Reference;
import dev.deployc.model.Weight;
import dev.deployc.schema.KeyDef;
import dev.deployc.schema.ValueType;
import dev.deployc.syntax.Ast;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a syntax value into the typed value its key's {@link ValueType} calls for, or reports why
 * it cannot. Returns {@code null} after reporting.
 */
final class ValueConverter {

    private static final Map<String, Long> DURATION_UNITS = Map.of(
            "ms", 1L, "s", 1000L, "m", 60_000L, "min", 60_000L, "h", 3_600_000L, "d", 86_400_000L);
    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30, "TiB", 1L << 40);
    private static final Map<String, String> SIZE_MISTAKES = Map.of(
            "K", "KiB", "KB", "KiB", "kB", "KiB", "M", "MiB", "MB", "MiB", "G", "GiB", "GB", "GiB", "T", "TiB", "TB", "TiB");

    private static final long MAX_DURATION_MS = 100L * 365 * 86_400_000L;

    private final Findings findings;

    ValueConverter(Findings findings) {
        this.findings = findings;
    }

    Object convert(KeyDef key, Ast.Value v) {
        return switch (key.type()) {
            case TEXT, STRING, SYSCTL_VALUE -> text(key, v, TextRules::unitSafe);
            case NAME -> text(key, v, TextRules::name);
            case USER -> v instanceof Ast.Word w && w.word().equals("instance") ? dev.deployc.model.ExecWord.instance()
                    : text(key, v, TextRules::user);
            case PATH -> normalisedPath(key, v, false);
            case GO_VERSION -> text(key, v, TextRules::goVersion);
            case GO_SYMBOL -> text(key, v, TextRules::goSymbol);
            case GO_PACKAGE -> text(key, v, TextRules::goPackage);
            case MODULE -> text(key, v, TextRules::module);
            case URL -> text(key, v, TextRules::url);
            case DIGEST -> text(key, v, TextRules::digest);
            case PATHS -> list(key, v, false, item -> text(key, item, TextRules::absolutePath));
            case STRINGS -> list(key, v, false, item -> text(key, item, TextRules::unitSafe));
            case CAPABILITIES -> v instanceof Ast.Word w && w.word().equals("unrestricted") ? "unrestricted"
                    : list(key, v, false, item -> text(key, item, TextRules::capability));
            case TARGETS -> list(key, v, true, item -> target(key, item));
            case ARGV -> argv(key, v);
            case DURATION -> duration(key, v);
            case SIZE -> size(key, v);
            case PERCENT -> percent(key, v);
            case INTEGER -> integer(key, v);
            case NUMBER -> number(key, v);
            case BOOL -> bool(key, v);
            case ENUM -> choice(key, v);
            case PORT -> port(key, v);
            case PORTS -> list(key, v, true, item -> port(key, item));
            case LISTEN -> list(key, v, true, item -> listen(key, item));
            case REFERENCES -> list(key, v, false, item -> reference(key, item));
            case WEIGHT -> weight(key, v);
            case DOC_URLS -> list(key, v, false, item -> text(key, item, TextRules::documentationUri));
            case SIGNAL -> signal(key, v);
            case EXIT_STATUSES -> list(key, v, true, item -> exitStatus(key, item));
            case LIMIT -> infinityOr(key, v, () -> integer(key, v));
            case SIZE_LIMIT -> infinityOr(key, v, () -> size(key, v));
            case MODE -> mode(key, v);
            case DIRECTORIES -> list(key, v, true, item -> text(key, item, TextRules::directoryName));
            case COMMANDS -> list(key, v, false, item -> command(key, item));
            case CONDITION_PATHS -> list(key, v, true, item -> text(key, item, p -> TextRules.absolutePath(p.startsWith("!") ? p.substring(1) : p)));
            case ADDRESS_FAMILIES -> list(key, v, false, item -> text(key, item, TextRules::addressFamily));
            case SYSCALL_SETS -> list(key, v, false, item -> text(key, item, TextRules::syscallSet));
            case DEVICES -> list(key, v, false, item -> text(key, item, TextRules::deviceRule));
            case UMASK -> umask(key, v);
            case WRITABLE_PATHS -> list(key, v, false, item -> normalisedPath(key, item, true));
            case ENV_FILES -> list(key, v, false, item -> normalisedPath(key, item, false));
            case NAMES -> list(key, v, false, item -> text(key, item, TextRules::envName));
            case TEMPLATE_TEXT -> v instanceof Ast.ListOf l ? templateText(key, l) : text(key, v, TextRules::unitSafe);
            case RAW -> v instanceof Ast.ListOf ? list(key, v, false, item -> text(key, item, TextRules::unitSafe))
                    : text(key, v, TextRules::unitSafe);
        };
    }

    private Object text(KeyDef key, Ast.Value v, Function<String, Optional<String>> rule) {
        if (v instanceof Ast.Number n && key.type() == ValueType.SYSCTL_VALUE) {
            return n.source();
        }
        if (!(v instanceof Ast.Text t)) {
            return wrongType(key, v, key.type() == ValueType.TEXT || key.type() == ValueType.STRING || key.type() == ValueType.TEMPLATE_TEXT
                    ? "write it in double quotes" : null);
        }
        Optional<String> unsafe = key.type() == ValueType.NAME || key.type() == ValueType.USER
                ? TextRules.unitSafe(t.value()).or(() -> rule.apply(t.value()))
                : rule.apply(t.value());
        if (unsafe.isPresent()) {
            findings.error(t.span(), "`" + key.name() + "` " + unsafe.get(), null);
            return null;
        }
        return t.value();
    }

    private List<Object> list(KeyDef key, Ast.Value v, boolean singleAllowed, Function<Ast.Value, Object> item) {
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
            Object converted = item.apply(i);
            ok &= converted != null;
            out.add(converted);
        }
        return ok ? List.copyOf(out) : null;
    }

    private Object argv(KeyDef key, Ast.Value v) {
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
    private Object execWord(KeyDef key, Ast.Value v) {
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

    private Object templateText(KeyDef key, Ast.ListOf l) {
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

    private Object command(KeyDef key, Ast.Value v) {
        if (!(v instanceof Ast.ListOf l)) {
            return wrongType(key, v, "each command is a list: `" + key.name() + " = [[\"/usr/bin/x\", \"--flag\"]]`");
        }
        boolean mayFail = !l.items().isEmpty() && l.items().get(0) instanceof Ast.Word w && w.word().equals("may_fail");
        List<Ast.Value> rest = mayFail ? l.items().subList(1, l.items().size()) : l.items();
        Object argv = argv(key, new Ast.ListOf(rest, l.span()));
        return argv == null ? null : new dev.deployc.model.Command(mayFail, cast(argv));
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object o) {
        return (List<String>) o;
    }

    private Object signal(KeyDef key, Ast.Value v) {
        String word = v instanceof Ast.Word w ? w.word() : v instanceof Ast.Text t ? t.value() : null;
        if (word == null) return wrongType(key, v, "write a signal name such as `SIGTERM`");
        Optional<String> bad = TextRules.signal(word);
        if (bad.isPresent()) {
            String upper = word.toUpperCase(java.util.Locale.ROOT);
            String fixed = upper.startsWith("SIG") ? upper : "SIG" + upper;
            findings.error(v.span(), "`" + word + "` " + bad.get(),
                    TextRules.signal(fixed).isEmpty() ? "did you mean `" + fixed + "`?" : "signals are upper case names such as `SIGTERM` or `SIGRTMIN+3`");
            return null;
        }
        return word;
    }

    private Object exitStatus(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Number n) {
            if (n.value().stripTrailingZeros().scale() > 0 || n.value().signum() < 0 || n.value().compareTo(BigDecimal.valueOf(255)) > 0) {
                findings.error(v.span(), "exit status `" + n.source() + "` is outside 0–255", null);
                return null;
            }
            return n.value().toBigInteger().toString();
        }
        return signal(key, v);
    }

    private Object infinityOr(KeyDef key, Ast.Value v, java.util.function.Supplier<Object> finite) {
        if (v instanceof Ast.Word w && w.word().equals("infinity")) return "infinity";
        return finite.get();
    }

    private Object mode(KeyDef key, Ast.Value v) {
        String text = v instanceof Ast.Text t ? t.value() : v instanceof Ast.Number n ? n.source() : null;
        if (text == null) return wrongType(key, v, "write an octal mode in quotes, such as `" + key.name() + " = \"0750\"`");
        if (!text.matches("[0-7]{3,4}")) {
            findings.error(v.span(), "`" + text + "` is not an octal file mode", "use three or four digits 0–7, such as \"0750\"");
            return null;
        }
        return text.length() == 3 ? "0" + text : text;
    }

    private Object umask(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Word w && (w.word().equals("true") || w.word().equals("false"))) return Boolean.valueOf(w.word());
        return mode(key, v);
    }

    /** An absolute path; a trailing `/` is dropped (systemd treats `/a/` as `/a`); {@code optionalPrefix} allows `-`. */
    private Object normalisedPath(KeyDef key, Ast.Value v, boolean optionalPrefix) {
        if (!(v instanceof Ast.Text t)) return wrongType(key, v, null);
        String path = t.value();
        String prefix = optionalPrefix && path.startsWith("-") ? "-" : "";
        String bare = path.substring(prefix.length());
        while (bare.length() > 1 && bare.endsWith("/")) bare = bare.substring(0, bare.length() - 1);
        Optional<String> bad = TextRules.absolutePath(bare);
        if (bad.isPresent()) {
            findings.error(t.span(), "`" + key.name() + "` " + bad.get(), null);
            return null;
        }
        return prefix + bare;
    }

    private Object target(KeyDef key, Ast.Value v) {
        String t = (String) text(key, v, TextRules::unitSafe);
        if (t != null && !TextRules.GO_TARGETS.contains(t)) {
            findings.error(v.span(), "unknown build target `" + t + "`",
                    Suggestions.closest(t, TextRules.GO_TARGETS).map(s -> "did you mean `" + s + "`?")
                            .orElse("targets are GOOS/GOARCH pairs such as \"linux/amd64\""));
            return null;
        }
        return t;
    }

    private Object duration(KeyDef key, Ast.Value v) {
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

    private Object size(KeyDef key, Ast.Value v) {
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

    private Object percent(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Number n) return wrongUnit(key, n, "a percentage needs `%`", percentHelp(key, n));
        if (!(v instanceof Ast.Quantity q) || !q.unit().equals("%")) return wrongType(key, v, "write a percentage such as `75%`");
        return inRange(key, q, q.amount(), q.source()) ? q.amount() : null;
    }

    private static String w(Ast.Value v) {
        return ((Ast.Word) v).word();
    }

    /**
     * {@code cpu = 1.5} means one and a half CPUs, which systemd writes {@code 150%}; a small or
     * fractional number of CPUs is read that way, a larger whole number as the percentage meant.
     */
    private static String percentHelp(KeyDef key, Ast.Number n) {
        boolean cpus = key.name().equals("cpu") && n.value().signum() > 0
                && (n.value().stripTrailingZeros().scale() > 0 || n.value().compareTo(java.math.BigDecimal.valueOf(8)) <= 0);
        if (cpus) {
            String percent = n.value().multiply(java.math.BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString();
            return "write `" + percent + "%` for " + n.source() + (n.value().compareTo(java.math.BigDecimal.ONE) == 0 ? " CPU" : " CPUs")
                    + " (100% is one whole CPU)";
        }
        return "write `" + n.source() + "%`" + (key.name().equals("cpu") ? " (100% is one whole CPU)" : "");
    }

    private Object integer(KeyDef key, Ast.Value v) {
        if (!(v instanceof Ast.Number n) || n.value().stripTrailingZeros().scale() > 0) {
            return wrongType(key, v, v instanceof Ast.Quantity q ? "write a plain number without `" + q.unit() + "`" : null);
        }
        return inRange(key, v, n.value(), n.source()) ? n.value().longValueExact() : null;
    }

    private Object number(KeyDef key, Ast.Value v) {
        if (!(v instanceof Ast.Number n)) return wrongType(key, v, null);
        return n.value();
    }

    private Object bool(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Word w && (w.word().equals("true") || w.word().equals("false"))) {
            return Boolean.valueOf(w.word());
        }
        return wrongType(key, v, "write `true` or `false`");
    }

    private Object choice(KeyDef key, Ast.Value v) {
        String word = v instanceof Ast.Word w ? w.word() : v instanceof Ast.Text t ? t.value()
                : v instanceof Ast.Number n ? n.source() : null;
        if (word != null && key.choices().contains(word)) {
            return word;
        }
        String help = word == null ? null : Suggestions.closest(word, key.choices()).map(s -> "did you mean `" + s + "`?").orElse(null);
        findings.error(v.span(), "`" + key.name() + "` must be one of " + quoteAll(key.choices())
                + (word == null ? ", not " + v.kind() : ", not `" + word + "`"), help);
        return null;
    }

    private Object port(KeyDef key, Ast.Value v) {
        if (!(v instanceof Ast.Number n) || n.value().stripTrailingZeros().scale() > 0) {
            return wrongType(key, v, "write a port number such as `8080`");
        }
        Optional<Integer> p = n.value().compareTo(BigDecimal.valueOf(99999)) <= 0 && n.value().signum() > 0
                ? Addresses.port(n.value().toBigInteger().toString()) : Optional.empty();
        if (p.isEmpty()) {
            findings.error(v.span(), "port `" + n.source() + "` is out of range", "ports are 1–65535");
            return null;
        }
        return p.get();
    }

    private Object listen(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Number) {
            Object p = port(key, v);
            return p == null ? null : new ListenAddress.AnyHost((Integer) p);
        }
        String text = (String) text(key, v, TextRules::unitSafe);
        if (text == null) return null;
        Addresses.Parsed parsed = Addresses.parse(text);
        if (parsed.address().isEmpty()) {
            findings.error(v.span(), "listen address `" + text + "`: " + parsed.problem(), parsed.help());
            return null;
        }
        return parsed.address().get();
    }

    private Object reference(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Text t) {
            Optional<String> bad = TextRules.unitName(t.value());
            if (bad.isPresent()) {
                findings.error(v.span(), "`" + t.value() + "` " + bad.get(), null);
                return null;
            }
            return new Reference.Unit(t.value());
        }
        if (v instanceof Ast.Word w) {
            String[] parts = w.word().split("\\.", 2);
            String rest = parts.length > 1 ? parts[1] : "";
            switch (parts[0]) {
                case "socket":
                    return new Reference.Socket(rest);
                case "service":
                    if (!rest.isEmpty()) return new Reference.Service(rest);
                    break;
                case "target":
                    if (!rest.isEmpty()) return new Reference.Target(rest);
                    break;
                default:
                    break;
            }
        }
        Optional<String> prefix = v instanceof Ast.Word w && w.word().contains(".")
                ? Suggestions.closest(w.word().substring(0, w.word().indexOf('.')), List.of("service", "socket", "target"))
                : Optional.empty();
        String help = prefix.isPresent()
                ? "did you mean `" + prefix.get() + w(v).substring(w(v).indexOf('.')) + "`?"
                : v instanceof Ast.Word w && w.word().contains(".")
                ? "did you mean the unit `\"" + w.word() + "\"`? a unit outside this spec is written by its name in quotes"
                : "write `service.<name>`, `socket`, `socket.<name>`, `target.<name>`, or a unit outside this spec "
                        + "by its name in quotes, such as `\"postgresql.service\"`";
        findings.error(v.span(), "`" + key.name() + "` cannot refer to " + describe(v), help);
        return null;
    }

    private Object weight(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Quantity q && q.unit().equals("%")) {
            if (q.amount().signum() <= 0 || q.amount().compareTo(BigDecimal.valueOf(100)) > 0) {
                findings.error(v.span(), "weight `" + q.source() + "` is outside 0–100%", "a weight is a share of the hosts, at most `100%`");
                return null;
            }
            return new Weight.Percent(q.amount());
        }
        if (v instanceof Ast.Number n && n.value().stripTrailingZeros().scale() <= 0) {
            if (n.value().signum() <= 0 || n.value().compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                findings.error(v.span(), "a host count must be between 1 and 1000000", null);
                return null;
            }
            return new Weight.Hosts(n.value().longValueExact());
        }
        return wrongType(key, v, "write a percentage (`25%`) or a host count (`2`)");
    }

    private boolean inRange(KeyDef key, Ast.Value v, BigDecimal value, String shown) {
        boolean low = key.min().map(m -> value.compareTo(m) < 0).orElse(false);
        boolean high = key.max().map(m -> value.compareTo(m) > 0).orElse(false);
        if (low || high) {
            findings.error(v.span(), "`" + key.name() + "` is " + shown + ", outside its range", rangeText(key));
            return false;
        }
        return true;
    }

    private static String rangeText(KeyDef key) {
        String unit = switch (key.type()) {
            case DURATION -> "s";
            case PERCENT -> "%";
            case SIZE -> " bytes";
            default -> "";
        };
        if (key.min().isPresent() && key.max().isPresent()) {
            return "`" + key.name() + "` takes " + key.min().get().toPlainString() + unit + " to " + key.max().get().toPlainString() + unit;
        }
        return key.min().map(m -> "`" + key.name() + "` must be at least " + m.toPlainString() + unit)
                .orElseGet(() -> "`" + key.name() + "` must be at most " + key.max().orElseThrow().toPlainString() + unit);
    }

    private Object wrongType(KeyDef key, Ast.Value v, String help) {
        findings.error(v.span(), "`" + key.name() + "` takes " + article(key.type()) + ", not " + describe(v),
                help != null ? help : "for example `" + (key.example().isEmpty() ? key.name() + " = …" : key.example()) + "`");
        return null;
    }

    private Object wrongUnit(KeyDef key, Ast.Value v, String message, String help) {
        findings.error(v.span(), "`" + key.name() + "`: " + message, help);
        return null;
    }

    private static String describe(Ast.Value v) {
        if (v instanceof Ast.Word w) return "the word `" + w.word() + "`";
        if (v instanceof Ast.Number n) return "the number `" + n.source() + "`";
        if (v instanceof Ast.Quantity q) return "`" + q.source() + "`";
        return v instanceof Ast.Text ? "a string" : "a list";
    }

    private static String article(ValueType t) {
        String title = t.title();
        if (t == ValueType.ENUM) return "a word";
        return ("aeiouAEIOU".indexOf(title.charAt(0)) >= 0 && !title.startsWith("URL") && !title.startsWith("u") ? "an " : "a ") + title;
    }

    private static String quoteAll(List<String> words) {
        return "`" + String.join("`, `", words) + "`";
    }
}
