package dev.deployc.check;

import dev.deployc.check.ValueConverter.TextRule;
import dev.deployc.model.ListenAddress;
import dev.deployc.model.Reference;
import dev.deployc.model.Weight;
import dev.deployc.schema.KeyDef;
import dev.deployc.syntax.Ast;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Values named by a word or a short text: choices, booleans, signals, exit statuses, ports, addresses, references, weights, targets and paths. */
final class WordConverter extends Conversions {

    WordConverter(Findings findings) {
        super(findings);
    }

    Object bool(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Word w && (w.word().equals("true") || w.word().equals("false"))) {
            return Boolean.valueOf(w.word());
        }
        return wrongType(key, v, "write `true` or `false`");
    }

    Object choice(KeyDef key, Ast.Value v) {
        String word = v instanceof Ast.Word w ? w.word() : v instanceof Ast.Text t ? t.value()
                : v instanceof Ast.Number n ? n.source() : null;
        if (word != null && key.choices().contains(word)) {
            return word;
        }
        Optional<String> closest = word == null ? Optional.empty() : Suggestions.closest(word, key.choices());
        String help = closest.isPresent() ? "did you mean `" + closest.get() + "`?" : null;
        findings.error(v.span(), "`" + key.name() + "` must be one of " + quoteAll(key.choices())
                + (word == null ? ", not " + v.kind() : ", not `" + word + "`"), help);
        return null;
    }

    Object signal(KeyDef key, Ast.Value v) {
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

    Object exitStatus(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Number n) {
            if (n.value().stripTrailingZeros().scale() > 0 || n.value().signum() < 0 || n.value().compareTo(BigDecimal.valueOf(255)) > 0) {
                findings.error(v.span(), "exit status `" + n.source() + "` is outside 0–255", null);
                return null;
            }
            return n.value().toBigInteger().toString();
        }
        return signal(key, v);
    }

    Object port(KeyDef key, Ast.Value v) {
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

    Object listen(KeyDef key, Ast.Value v) {
        if (v instanceof Ast.Number) {
            Object p = port(key, v);
            return p == null ? null : new ListenAddress.AnyHost((Integer) p);
        }
        String text = (String) text(key, v, TextRule.UNIT_SAFE);
        if (text == null) return null;
        Addresses.Parsed parsed = Addresses.parse(text);
        if (parsed.address().isEmpty()) {
            findings.error(v.span(), "listen address `" + text + "`: " + parsed.problem(), parsed.help());
            return null;
        }
        return parsed.address().get();
    }

    Object reference(KeyDef key, Ast.Value v) {
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

    Object weight(KeyDef key, Ast.Value v) {
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

    Object target(KeyDef key, Ast.Value v) {
        String t = (String) text(key, v, TextRule.UNIT_SAFE);
        if (t != null && !TextRules.GO_TARGETS.contains(t)) {
            Optional<String> closest = Suggestions.closest(t, TextRules.GO_TARGETS);
            findings.error(v.span(), "unknown build target `" + t + "`",
                    closest.isPresent() ? "did you mean `" + closest.get() + "`?" : "targets are GOOS/GOARCH pairs such as \"linux/amd64\"");
            return null;
        }
        return t;
    }

    /** An absolute path; a trailing `/` is dropped (systemd treats `/a/` as `/a`); {@code optionalPrefix} allows `-`. */
    Object normalisedPath(KeyDef key, Ast.Value v, boolean optionalPrefix) {
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
}
