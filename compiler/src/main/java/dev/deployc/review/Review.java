package dev.deployc.review;

import dev.deployc.Compiler;
import dev.deployc.check.NearbyFiles;
import dev.deployc.diag.Source;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.model.Canary;
import dev.deployc.model.Service;
import dev.deployc.model.Spec;
import dev.deployc.model.UnitNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a change to specs does, in deployment terms, for a pull request's reviewer: per service,
 * the settings that changed (as the spec writes them), whether the sandbox got looser or tighter,
 * the generated files added, removed and changed, and the canary plan's waves before and after.
 * Both sides are compiled here; where they come from (git, files) is the caller's business.
 */
public final class Review {

    /** One side of a spec: its text and how to read the files it names (a canary inventory). */
    public record Side(Source source, NearbyFiles nearby) {}

    /** A spec before and after; a side is empty when the spec is new or deleted. */
    public record Pair(String spec, Optional<Side> base, Optional<Side> head) {}

    /** One side compiled. */
    record Compiled(Compiler.Analysis analysis, Optional<SpecSettings> settings) {
        static Compiled of(Optional<Side> side, String spec) {
            if (side.isEmpty()) return new Compiled(null, Optional.empty());
            Compiler.Analysis a = new Compiler().analyze(side.get().source(), spec, side.get().nearby());
            return new Compiled(a, a.document().map(d -> SpecSettings.of(d, side.get().source())));
        }

        boolean present() {
            return analysis != null;
        }

        boolean ok() {
            return present() && analysis.model().isPresent() && analysis.result().ok();
        }

        Optional<Spec> model() {
            return present() ? analysis.model() : Optional.empty();
        }

        Map<String, String> files() {
            Map<String, String> out = new TreeMap<>();
            if (ok()) analysis.result().files().forEach(f -> out.put(f.path(), f.content()));
            return out;
        }

        long errors() {
            return present() ? analysis.result().diagnostics().stream().filter(d -> d.isError()).count() : 0;
        }
    }

    private Review() {}

    /** The summary as GitHub-flavoured Markdown, for a pull-request comment or {@code $GITHUB_STEP_SUMMARY}. */
    public static String markdown(List<Pair> pairs, String baseName) {
        List<String> sections = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (Pair pair : pairs) {
            Compiled base = Compiled.of(pair.base(), pair.spec());
            Compiled head = Compiled.of(pair.head(), pair.spec());
            if (head.present() && !head.ok()) {
                sections.add("### `" + pair.spec() + "`\n\n:x: this spec has " + head.errors() + (head.errors() == 1 ? " error" : " errors")
                        + "; run " + Markdown.code("deployc check " + pair.spec()) + " to see " + (head.errors() == 1 ? "it" : "them") + ".\n");
                titles.add(Markdown.code(pair.spec()) + " (has errors)");
                continue;
            }
            for (ServiceChange change : ServiceChange.between(pair.spec(), base, head)) {
                String section = change.render();
                if (section != null) {
                    sections.add(section);
                    titles.add(change.title());
                }
            }
        }
        StringBuilder b = new StringBuilder("## deployc review\n\n");
        b.append(pairs.size()).append(pairs.size() == 1 ? " spec" : " specs").append(" compared with `").append(Markdown.inline(baseName))
                .append("`: ");
        if (titles.isEmpty()) {
            return b.append("no change to what gets deployed.\n").toString();
        }
        b.append("changes to ").append(String.join(", ", titles)).append(".\n");
        sections.forEach(s -> b.append('\n').append(s));
        return b.toString();
    }

    /** The files of one service (its units, Dockerfile, rollout), by file name; the rest belong to the project. */
    static boolean belongsTo(String path, String project, Service service) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String base = UnitNames.base(project, service.name());
        if (path.contains("/systemd/")) {
            if (name.equals(service.unitName())) return true;
            return service.sockets().stream().anyMatch(s -> s.unitName().equals(name));
        }
        if (path.contains("/docker/")) return name.startsWith(service.name() + ".Dockerfile");
        return name.startsWith("rollout-" + service.name() + ".") || name.startsWith(base + ".");
    }

    /** The canary's waves in one line each: {@code 1 host (shop-1)}. */
    static List<String> waves(Optional<Service> service) {
        List<String> out = new ArrayList<>();
        service.flatMap(Service::canary).ifPresent(c -> {
            for (Canary.Wave w : c.waves()) {
                out.add(w.weight() + " → " + w.reached() + " of " + c.hosts().size() + ": " + String.join(", ", w.hosts()));
            }
        });
        return out;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    static Map<String, String> filesOf(Map<String, String> files, Predicate test) {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((path, text) -> {
            if (test.test(path)) out.put(path, text);
        });
        return out;
    }

    interface Predicate {
        boolean test(String path);
    }

    static List<GeneratedFile> none() {
        return List.of();
    }
}
