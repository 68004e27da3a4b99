package dev.deployc.check;

import dev.deployc.model.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** References resolve, and services do not depend on each other in a circle. */
final class DependencyRules {

    static final List<String> KEYS = List.of("after", "wants", "requires", "binds_to", "part_of");
    public static final Set<String> WELL_KNOWN_TARGETS = Set.of(
            "network", "network-online", "network-pre", "nss-lookup", "time-sync", "time-set",
            "remote-fs", "local-fs", "multi-user", "basic", "sockets", "timers", "paths");

    private record Edge(String from, String to, Section.Setting setting, int index) {}

    private final Findings findings;

    DependencyRules(Findings findings) {
        this.findings = findings;
    }

    void check(List<Section> services) {
        Map<String, Section> byName = new LinkedHashMap<>();
        for (Section s : services) {
            byName.putIfAbsent(s.label(), s);
        }
        Map<String, List<Edge>> edges = new LinkedHashMap<>();
        for (Section service : services) {
            List<Edge> out = edges.get(service.label());
            if (out == null) {
                out = new ArrayList<>();
                edges.put(service.label(), out);
            }
            for (String key : KEYS) {
                Optional<Section.Setting> setting = service.setting(key);
                if (setting.isEmpty()) continue;
                List<?> refs = (List<?>) setting.get().value();
                for (int i = 0; i < refs.size(); i++) {
                    resolve(service, byName, (Reference) refs.get(i), setting.get(), i, out);
                }
            }
        }
        findCycles(edges);
    }

    private void resolve(Section service, Map<String, Section> byName, Reference ref, Section.Setting setting, int i,
            List<Edge> out) {
        var at = ((dev.deployc.syntax.Ast.ListOf) setting.attribute().value()).items().get(i).span();
        if (ref instanceof Reference.Service s) {
            if (s.name().equals(service.label())) {
                findings.error(at, "service `" + s.name() + "` cannot depend on itself", null);
            } else if (!byName.containsKey(s.name())) {
                findings.error(at, "there is no service `" + s.name() + "`",
                        Suggestions.closest(s.name(), byName.keySet()).map(c -> "did you mean `service." + c + "`?")
                                .orElse("services of this spec: " + names(byName.keySet()) + "; a unit outside this spec "
                                        + "(another spec's, or the host's) is written by its name in quotes: `\""
                                        + s.name() + ".service\"`"));
            } else if (isPerConnection(byName.get(s.name()))) {
                findings.error(at, "service `" + s.name() + "` runs one instance per connection and cannot be depended on",
                        "depend on what it needs instead, or drop `accept = true`");
            } else {
                out.add(new Edge(service.label(), s.name(), setting, i));
            }
        } else if (ref instanceof Reference.Socket s) {
            List<String> labels = new ArrayList<>();
            for (Section socket : service.children("socket")) {
                labels.add(socket.label());
            }
            if (!labels.contains(s.label())) {
                String what = s.label().isEmpty() ? "main socket (`socket { … }`)" : "socket `" + s.label() + "`";
                findings.error(at, "service `" + service.label() + "` has no " + what,
                        Suggestions.closest(s.label(), labels).map(c -> "did you mean `socket." + c + "`?")
                                .orElse(labels.isEmpty() ? "declare it with `socket { listen = … }`"
                                        : "its sockets: " + names(labels.stream().map(l -> l.isEmpty() ? "socket" : "socket." + l).toList())));
            }
        } else if (ref instanceof Reference.Target t && !WELL_KNOWN_TARGETS.contains(t.name())) {
            findings.error(at, "unknown target `" + t.name() + "`",
                    Suggestions.closest(t.name(), WELL_KNOWN_TARGETS).map(c -> "did you mean `target." + c + "`?")
                            .orElse("for another unit, write its full name in quotes, such as \"" + t.name() + ".target\""));
        }
    }

    private static boolean isPerConnection(Section service) {
        for (Section socket : service.children("socket")) {
            if (Boolean.TRUE.equals(socket.valueOr("accept", false))) return true;
        }
        return false;
    }

    private void findCycles(Map<String, List<Edge>> edges) {
        Set<String> done = new java.util.HashSet<>();
        for (String start : edges.keySet()) {
            walk(start, edges, new ArrayList<>(), new ArrayList<>(), done);
        }
    }

    private void walk(String node, Map<String, List<Edge>> edges, List<String> path, List<Edge> via, Set<String> done) {
        if (done.contains(node)) return;
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(node);
            Edge closing = via.get(via.size() - 1);
            var span = ((dev.deployc.syntax.Ast.ListOf) closing.setting().attribute().value()).items().get(closing.index()).span();
            findings.error(span, "dependency cycle: " + String.join(" → ", cycle.stream().map(n -> "`" + n + "`").toList()),
                    "systemd cannot order these services; remove one of these dependencies");
            return;
        }
        path.add(node);
        for (Edge e : edges.getOrDefault(node, List.of())) {
            via.add(e);
            walk(e.to(), edges, path, via, done);
            via.remove(via.size() - 1);
        }
        path.remove(path.size() - 1);
        done.add(node);
    }

    private static String names(java.util.Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names.stream().sorted().map(n -> "`" + n + "`").toList());
    }
}
