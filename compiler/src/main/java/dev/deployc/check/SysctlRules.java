package dev.deployc.check;

import dev.deployc.diag.Span;
import dev.deployc.schema.SysctlKeys;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kernel settings: known keys with values in range, no two places disagreeing, and no explicit
 * entry below what the spec's sockets and limits need.
 */
final class SysctlRules {

    private record Entry(String where, Section.Setting setting) {}

    private final Findings findings;

    SysctlRules(Findings findings) {
        this.findings = findings;
    }

    void check(Section root) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Optional<Section> projectWide = root.child("sysctl");
        if (projectWide.isPresent()) collect(entries, "the spec", projectWide.get());
        for (Section service : root.children("service")) {
            Optional<Section> own = service.child("sysctl");
            if (own.isPresent()) collect(entries, "service `" + service.label() + "`", own.get());
        }
        needAtLeast(entries, "net.core.somaxconn", largest(root, "backlog"), "a socket backlog", "this `backlog`");
        needAtLeast(entries, "fs.nr_open", largest(root, "open_files"), "`open_files`", "this `open_files`");
    }

    private void collect(Map<String, Entry> entries, String where, Section block) {
        for (Section.Setting s : block.settings().values()) {
            Optional<SysctlKeys.Key> key = SysctlKeys.find(s.name());
            if (key.isEmpty()) {
                findings.error(s.attribute().nameSpan(), "unknown kernel setting `" + s.name() + "`",
                        Suggestions.closest(s.name(), SysctlKeys.all().stream().map(SysctlKeys.Key::name).toList())
                                .map(c -> "did you mean `" + c + "`?").orElse("deployc knows the settings listed in docs/language.md"));
                continue;
            }
            if (!valid(key.get(), (String) s.value(), s.span())) continue;
            Entry earlier = entries.putIfAbsent(s.name(), new Entry(where, s));
            if (earlier != null && !SysctlKeys.normalise((String) earlier.setting().value()).equals(SysctlKeys.normalise((String) s.value()))) {
                findings.add(findings.error(s.span(), "`" + s.name() + "` is set to " + s.value() + " here, but to "
                                + earlier.setting().value() + " by " + earlier.where())
                        .withRelated("set by " + earlier.where() + " here", earlier.setting().span())
                        .withHelp("a host has one value per kernel setting; agree on one"));
            }
        }
    }

    private boolean valid(SysctlKeys.Key key, String value, Span span) {
        String[] fields = SysctlKeys.normalise(value).split(" ");
        boolean ok = fields.length == key.fields();
        for (String f : fields) {
            ok &= f.matches("-?[0-9]{1,19}") && new BigInteger(f).compareTo(BigInteger.valueOf(key.min())) >= 0
                    && new BigInteger(f).compareTo(BigInteger.valueOf(key.max())) <= 0;
        }
        if (!ok) {
            String shape = key.fields() == 1 ? "an integer" : key.fields() + " integers separated by spaces";
            findings.error(span, "`" + key.name() + "` takes " + shape + " from " + key.min() + " to " + key.max()
                    + ", not `" + value + "`", null);
        }
        return ok;
    }

    private void needAtLeast(Map<String, Entry> entries, String key, Optional<Section.Setting> need, String what, String source) {
        Entry explicit = entries.get(key);
        if (explicit == null || need.isEmpty()) return;
        long set = Long.parseLong(SysctlKeys.normalise((String) explicit.setting().value()));
        long needed = (Long) need.get().value();
        if (set < needed) {
            findings.add(findings.error(explicit.setting().span(), "`" + key + " = " + set + "` is below " + what + " of " + needed)
                    .withRelated(source + " needs at least " + needed, need.get().span())
                    .withHelp("the kernel would silently cap it; raise `" + key + "` to " + needed + " or more"));
        }
    }

    /** The setting with the largest value of {@code key} among all sockets or limits of all services. */
    private static Optional<Section.Setting> largest(Section root, String key) {
        Section.Setting best = null;
        for (Section service : root.children("service")) {
            List<Section> blocks = key.equals("backlog") ? service.children("socket") : service.children("limits");
            for (Section block : blocks) {
                Optional<Section.Setting> s = block.setting(key);
                // `infinity` is capped at fs.nr_open by systemd itself; it never asks for a higher one.
                if (s.isPresent() && s.get().value() instanceof Long v && (best == null || v > (Long) best.value())) {
                    best = s.get();
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
