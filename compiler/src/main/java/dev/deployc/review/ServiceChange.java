package dev.deployc.review;

import dev.deployc.model.Service;
import dev.deployc.model.Spec;
import dev.deployc.schema.KeyDef;
import dev.deployc.schema.Schema;
import dev.deployc.schema.UnitMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The change to one service (or, with an empty name, to the project-wide part of a spec), and its Markdown. */
record ServiceChange(String spec, String project, String service, Optional<Service> before, Optional<Service> after,
        Map<String, SpecSettings.Setting> oldSettings, Map<String, SpecSettings.Setting> newSettings,
        Map<String, String> oldFiles, Map<String, String> newFiles, boolean existedBefore, boolean existsAfter) {

    static List<ServiceChange> between(String spec, Review.Compiled base, Review.Compiled head) {
        String project = head.settings().or(base::settings).map(SpecSettings::project).orElse("");
        Set<String> names = new LinkedHashSet<>();
        head.settings().ifPresent(s -> names.addAll(s.byService().keySet()));
        base.settings().ifPresent(s -> names.addAll(s.byService().keySet()));
        Map<String, String> oldAll = base.files();
        Map<String, String> newAll = head.files();
        List<Service> oldServices = base.model().map(Spec::services).orElse(List.of());
        List<Service> newServices = head.model().map(Spec::services).orElse(List.of());
        List<ServiceChange> out = new ArrayList<>();
        out.add(new ServiceChange(spec, project, "", Optional.empty(), Optional.empty(),
                base.settings().map(SpecSettings::projectSettings).orElse(Map.of()),
                head.settings().map(SpecSettings::projectSettings).orElse(Map.of()),
                Review.filesOf(oldAll, p -> oldServices.stream().noneMatch(s -> Review.belongsTo(p, project, s))),
                Review.filesOf(newAll, p -> newServices.stream().noneMatch(s -> Review.belongsTo(p, project, s))),
                base.present(), head.present()));
        for (String name : names) {
            Optional<Service> before = oldServices.stream().filter(s -> s.name().equals(name)).findFirst();
            Optional<Service> after = newServices.stream().filter(s -> s.name().equals(name)).findFirst();
            out.add(new ServiceChange(spec, project, name, before, after,
                    base.settings().map(s -> s.byService().getOrDefault(name, Map.of())).orElse(Map.of()),
                    head.settings().map(s -> s.byService().getOrDefault(name, Map.of())).orElse(Map.of()),
                    Review.filesOf(oldAll, p -> before.isPresent() && Review.belongsTo(p, project, before.get())),
                    Review.filesOf(newAll, p -> after.isPresent() && Review.belongsTo(p, project, after.get())),
                    base.settings().map(s -> s.byService().containsKey(name)).orElse(false),
                    head.settings().map(s -> s.byService().containsKey(name)).orElse(false)));
        }
        return out;
    }

    /** The section for this service, or null when nothing about it changes. */
    String render() {
        List<String> settings = settingRows();
        List<String> sandbox = service.isEmpty() ? List.of() : sandbox();
        List<String> files = files();
        List<String> canary = canary();
        if (settings.isEmpty() && sandbox.isEmpty() && files.isEmpty() && canary.isEmpty()) return null;
        StringBuilder b = new StringBuilder("### ").append(title());
        if (!service.isEmpty()) b.append(" of ").append(Markdown.code(project));
        b.append(" · ").append(Markdown.code(spec)).append("\n\n");
        if (!settings.isEmpty()) {
            b.append("| setting | before | after |\n|---|---|---|\n");
            settings.forEach(r -> b.append(r).append('\n'));
            b.append('\n');
        }
        if (sandbox.isEmpty() && !service.isEmpty() && !existedBefore && existsAfter) {
            b.append("**Sandbox**: deployc's full default sandbox, no opt-outs.\n\n");
        }
        if (!sandbox.isEmpty()) {
            b.append("**Sandbox ").append(sandboxVerdict(sandbox)).append("**\n\n");
            sandbox.forEach(l -> b.append("- ").append(l.substring(2)).append('\n'));
            b.append('\n');
        }
        if (!canary.isEmpty()) {
            b.append("**Canary plan**\n\n");
            canary.forEach(l -> b.append(l).append('\n'));
            b.append('\n');
        }
        if (!files.isEmpty()) {
            b.append("**Generated files**\n\n");
            files.forEach(l -> b.append("- ").append(l).append('\n'));
            diffs(b);
        }
        return b.toString();
    }

    /** How a reviewer names this part: {@code service `api` (new)} or {@code project `orders`}. */
    String title() {
        if (service.isEmpty()) return "project " + Markdown.code(project);
        return "service " + Markdown.code(service) + (!existedBefore ? " (new)" : !existsAfter ? " (removed)" : "");
    }

    /** Lines of diff shown per changed file; the files themselves are in the pull request. */
    static final int DIFF_LINES = 30;

    /** The diffs of changed files, folded away, so the reviewer sees what the units really say. */
    private void diffs(StringBuilder b) {
        StringBuilder body = new StringBuilder();
        for (String path : new java.util.TreeSet<>(oldFiles.keySet())) {
            String a = oldFiles.get(path);
            String n = newFiles.get(path);
            if (n == null || a.equals(n)) continue;
            List<String> lines = dev.deployc.output.UnifiedDiff.of("a/" + path, a, "b/" + path, n).lines().toList();
            lines.stream().limit(DIFF_LINES).forEach(l -> body.append(l).append('\n'));
            if (lines.size() > DIFF_LINES) body.append("… ").append(lines.size() - DIFF_LINES).append(" more lines\n");
        }
        if (body.isEmpty()) return;
        String text = body.toString();
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        b.append("\n<details><summary>diff of the changed files</summary>\n\n").append(fence).append("diff\n")
                .append(text).append(fence).append("\n\n</details>\n");
    }

    private List<String> settingRows() {
        List<String> rows = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(newSettings.keySet());
        keys.addAll(oldSettings.keySet());
        for (String key : keys) {
            SpecSettings.Setting a = oldSettings.get(key);
            SpecSettings.Setting b = newSettings.get(key);
            String av = a == null ? null : a.value();
            String bv = b == null ? null : b.value();
            if (Objects.equals(av, bv)) continue;
            String path = (a != null ? a : b).schemaPath();
            if (!existedBefore || !existsAfter) {
                // A new or removed service: its settings in one column, the other says why it is empty.
                rows.add("| " + Markdown.code(key) + " | " + (av == null ? "" : Markdown.code(av)) + " | "
                        + (bv == null ? "" : Markdown.code(bv)) + " |");
                continue;
            }
            rows.add("| " + Markdown.code(key) + " | " + shown(av, path) + " | " + shown(bv, path) + " |");
        }
        return rows;
    }

    private static String shown(String value, String schemaPath) {
        if (value != null) return Markdown.code(value);
        Optional<String> fallback = Schema.keys().stream().filter(k -> k.path().equals(schemaPath)).findFirst()
                .flatMap(KeyDef::defaultValue);
        return fallback.map(d -> "default (" + Markdown.code(d) + ")").orElse("unset");
    }

    /** Lines starting "- " (looser) or "+ " (tighter); the marker is dropped when rendered. */
    private List<String> sandbox() {
        List<String> out = new ArrayList<>();
        if (!existsAfter) return out;
        for (KeyDef key : Schema.keys("service.hardening")) {
            if (key.unit() instanceof UnitMapping.Graded g) {
                graded(key, g).ifPresent(out::add);
                continue;
            }
            if (!(key.unit() instanceof UnitMapping.Profile)) {
                out.addAll(additions(key));
                continue;
            }
            boolean was = existedBefore ? on(oldSettings, key) : true;
            boolean is = on(newSettings, key);
            if (was == is) continue;
            String lines = key.unit() instanceof UnitMapping.Profile p ? String.join("`, `", p.lines()) : key.name();
            out.add(is ? "+ " + Markdown.code(key.name()) + " back on: writes `" + lines + "` again"
                    : "- " + Markdown.code(key.name()) + " turned off: no longer writes `" + lines + "`");
        }
        List<String> oldCaps = before.map(Service::capabilities).orElse(List.of());
        List<String> newCaps = after.map(Service::capabilities).orElse(List.of());
        newCaps.stream().filter(c -> !oldCaps.contains(c)).forEach(c -> out.add("- gains the capability " + Markdown.code(c)));
        oldCaps.stream().filter(c -> !newCaps.contains(c)).forEach(c -> out.add("+ drops the capability " + Markdown.code(c)));
        List<String> oldPaths = before.map(Service::writablePaths).orElse(List.of());
        List<String> newPaths = after.map(Service::writablePaths).orElse(List.of());
        newPaths.stream().filter(c -> !oldPaths.contains(c)).forEach(c -> out.add("- may now write to " + Markdown.code(c)));
        oldPaths.stream().filter(c -> !newPaths.contains(c)).forEach(c -> out.add("+ may no longer write to " + Markdown.code(c)));
        Optional<String> oldUser = before.flatMap(Service::user);
        Optional<String> newUser = after.flatMap(Service::user);
        if (existedBefore && !oldUser.equals(newUser)) {
            out.add(newUser.isEmpty() ? "+ runs as a dynamic user instead of " + Markdown.code(oldUser.get())
                    : "- runs as the fixed user " + Markdown.code(newUser.get()) + " instead of "
                            + oldUser.map(Markdown::code).orElse("a dynamic user"));
        }
        return out;
    }

    /** A graded switch (`protect_system = full`): its levels run from the strictest to none. */
    private Optional<String> graded(KeyDef key, UnitMapping.Graded g) {
        List<String> levels = g.lines().keySet().stream().filter(c -> !c.equals("true") && !c.equals("false")).toList();
        String was = existedBefore ? level(oldSettings, key, levels) : levels.get(0);
        String is = level(newSettings, key, levels);
        if (was.equals(is)) return Optional.empty();
        boolean looser = levels.indexOf(is) > levels.indexOf(was);
        String wasLines = String.join("`, `", g.lines().get(was));
        String isLines = String.join("`, `", g.lines().get(is));
        String what = isLines.isEmpty() ? "no longer writes `" + wasLines + "`"
                : "writes `" + isLines + "`" + (wasLines.isEmpty() ? "" : " instead of `" + wasLines + "`");
        return Optional.of((looser ? "- " : "+ ") + Markdown.code(key.name()) + " " + Markdown.code(was) + " → "
                + Markdown.code(is) + ": " + what);
    }

    private static String level(Map<String, SpecSettings.Setting> settings, KeyDef key, List<String> levels) {
        SpecSettings.Setting s = settings.get("hardening." + key.name());
        String v = s == null ? levels.get(0) : s.value().replace("\"", "");
        if (v.equals("true")) return levels.get(0);
        if (v.equals("false")) return levels.get(levels.size() - 1);
        return levels.contains(v) ? v : levels.get(0);
    }

    /**
     * The hardening keys that add to or take from the sandbox by value: an allowed address family,
     * system-call group or device loosens it; a denied system-call group, a private mount or IPC
     * namespace tightens it; a umask that clears fewer bits loosens it.
     */
    private List<String> additions(KeyDef key) {
        List<String> out = new ArrayList<>();
        String path = "hardening." + key.name();
        SpecSettings.Setting a = existedBefore ? oldSettings.get(path) : null;
        SpecSettings.Setting b = newSettings.get(path);
        String av = a == null ? "" : a.value();
        String bv = b == null ? "" : b.value();
        if (av.equals(bv)) return out;
        switch (key.name()) {
            case "umask" -> {
                int was = mask(av);
                int is = mask(bv);
                boolean looser = (was & ~is) != 0;
                out.add((looser ? "- " : "+ ") + "file mode mask " + Markdown.code(String.format("%04o", was)) + " → "
                        + Markdown.code(String.format("%04o", is)));
            }
            case "private_mounts", "private_ipc" -> out.add((bv.equals("true") ? "+ " : "- ") + Markdown.code(key.name())
                    + (bv.equals("true") ? " on" : " off"));
            default -> {
                boolean denies = key.name().endsWith("_deny");
                List<String> was = items(av);
                List<String> is = items(bv);
                is.stream().filter(x -> !was.contains(x)).forEach(x -> out.add((denies ? "+ denies " : "- allows ") + Markdown.code(x)
                        + " (" + Markdown.code(key.name()) + ")"));
                was.stream().filter(x -> !is.contains(x)).forEach(x -> out.add((denies ? "- no longer denies " : "+ no longer allows ")
                        + Markdown.code(x) + " (" + Markdown.code(key.name()) + ")"));
            }
        }
        return out;
    }

    private static int mask(String value) {
        String v = value.replace("\"", "").strip();
        if (v.isEmpty() || v.equals("true")) return 0077;
        try {
            return Integer.parseInt(v, 8);
        } catch (NumberFormatException e) {
            return 0077;
        }
    }

    private static List<String> items(String value) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s\\[\\],\"]+)").matcher(value);
        while (m.find()) out.add(m.group(1) != null ? m.group(1) : m.group(2));
        return out;
    }

    private static boolean on(Map<String, SpecSettings.Setting> settings, KeyDef key) {
        SpecSettings.Setting s = settings.get("hardening." + key.name());
        return s == null || !s.value().equals("false");
    }

    private String sandboxVerdict(List<String> lines) {
        boolean looser = lines.stream().anyMatch(l -> l.startsWith("- "));
        boolean tighter = lines.stream().anyMatch(l -> l.startsWith("+ "));
        String verdict = looser && tighter ? "loosened and tightened" : looser ? "loosened" : "tightened";
        return existedBefore ? verdict : verdict + " from the default";
    }

    private List<String> canary() {
        List<String> a = Review.waves(before);
        List<String> b = Review.waves(after);
        if (a.equals(b)) return List.of();
        List<String> rows = new ArrayList<>(List.of("| wave | before | after |", "|---|---|---|"));
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            rows.add("| " + (i + 1) + " | " + (i < a.size() ? Markdown.code(a.get(i)) : "") + " | "
                    + (i < b.size() ? Markdown.code(b.get(i)) : "") + " |");
        }
        return rows;
    }

    private List<String> files() {
        List<String> out = new ArrayList<>();
        Set<String> paths = new java.util.TreeSet<>(oldFiles.keySet());
        paths.addAll(newFiles.keySet());
        for (String path : paths) {
            String a = oldFiles.get(path);
            String b = newFiles.get(path);
            if (a == null) out.add("added " + Markdown.code(path));
            else if (b == null) out.add("removed " + Markdown.code(path));
            else if (!a.equals(b)) out.add("changed " + Markdown.code(path) + " " + counts(a, b));
        }
        return out;
    }

    private static String counts(String a, String b) {
        long plus = 0;
        long minus = 0;
        for (String line : dev.deployc.output.UnifiedDiff.of("a", a, "b", b).split("\n")) {
            if (line.startsWith("+") && !line.startsWith("+++")) plus++;
            if (line.startsWith("-") && !line.startsWith("---")) minus++;
        }
        return "(+" + plus + " −" + minus + ")";
    }
}
