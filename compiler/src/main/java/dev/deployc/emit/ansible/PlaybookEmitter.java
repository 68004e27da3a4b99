package dev.deployc.emit.ansible;

import static dev.deployc.emit.ansible.YamlEscaper.quoted;
import static dev.deployc.emit.ansible.YamlEscaper.unsafe;
import static dev.deployc.emit.ansible.YamlEscaper.unsafeList;

import dev.deployc.emit.Emitter;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.emit.Header;
import dev.deployc.emit.Templates;
import dev.deployc.emit.rollout.RolloutEmitter;
import dev.deployc.emit.rollout.RolloutPlan;
import dev.deployc.model.Canary;
import dev.deployc.model.Health;
import dev.deployc.model.Service;
import dev.deployc.model.Spec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits {@code <project>/ansible/}: a playbook that carries out the same resolved plan as
 * {@code rollout-<service>.sh} with real Ansible (deploy.yml), a rollback entry point, an inventory
 * of the plan's hosts, the plan as vars, and the shared task files. Only for services whose canary
 * says {@code emit = playbook} or {@code both}.
 */
public final class PlaybookEmitter implements Emitter {

    private static final List<String> TASK_FILES =
            List.of("stage", "activate", "health", "fleet-health", "rollback", "query-gate", "http-gate");

    @Override
    public List<GeneratedFile> emit(Spec spec) {
        List<Service> rolled = new ArrayList<>();
        for (Service s : spec.services()) {
            if (s.canary().isPresent() && s.canary().get().emitsPlaybook()) rolled.add(s);
        }
        if (rolled.isEmpty()) return List.of();
        String project = spec.project().name();
        String dir = project + "/ansible/";
        String header = Header.text(spec);
        List<GeneratedFile> files = new ArrayList<>();
        List<Map<String, Object>> plays = new ArrayList<>();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Service service : rolled) {
            RolloutPlan plan = RolloutPlan.of(spec, service);
            plays.add(play(project, service, plan));
            groups.add(group(project, service, plan));
            files.add(new GeneratedFile(dir + "vars/" + service.name() + ".yml",
                    Templates.render("ansible/vars.yml.ftl", PlaybookVars.model(spec, service, plan, header))));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("header", header);
        model.put("projectComment", YamlEscaper.comment(project));
        model.put("services", plays);
        model.put("groups", groups);
        files.add(new GeneratedFile(dir + "deploy.yml", Templates.render("ansible/deploy.yml.ftl", model)));
        files.add(new GeneratedFile(dir + "rollback.yml", Templates.render("ansible/rollback.yml.ftl", model)));
        files.add(new GeneratedFile(dir + "inventory.yml", Templates.render("ansible/inventory.yml.ftl", model)));
        for (String task : TASK_FILES) {
            files.add(new GeneratedFile(dir + "tasks/" + task + ".yml",
                    Templates.render("ansible/tasks/" + task + ".yml.ftl", Map.of("header", header))));
        }
        return files;
    }

    /** The inventory group of a service's plan: {@code <project>_<service>}, a valid Ansible group name. */
    public static String group(String project, String service) {
        return identifier(project) + "_" + identifier(service);
    }

    /** The extra variable that points a service's plays at another group: {@code deployc_hosts_<service>}. */
    public static String hostsVariable(String service) {
        return "deployc_hosts_" + identifier(service);
    }

    /** The name Ansible knows a plan host by: without the {@code user@} a host may carry. */
    public static String inventoryName(String host) {
        int at = host.indexOf('@');
        return at < 0 ? host : host.substring(at + 1);
    }

    /** The Ansible serial list of a plan: each wave's size, in order. */
    public static List<Integer> serial(RolloutPlan plan) {
        List<Integer> sizes = new ArrayList<>();
        for (Canary.Wave wave : plan.waves()) {
            sizes.add(wave.hosts().size());
        }
        return List.copyOf(sizes);
    }

    private static String identifier(String name) {
        return name.replace('-', '_');
    }

    private static Map<String, Object> play(String project, Service service, RolloutPlan plan) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", service.name());
        m.put("comment", YamlEscaper.comment(service.name()));
        m.put("group", group(project, service.name()));
        m.put("hostsVar", hostsVariable(service.name()));
        m.put("serial", serial(plan).toString());
        List<String> planComment = new ArrayList<>();
        for (String line : planLines(plan, service)) {
            String text = YamlEscaper.comment(line);
            planComment.add(text.isEmpty() ? "" : " " + text);
        }
        m.put("plan", planComment);
        List<Map<String, Object>> before = new ArrayList<>();
        List<Map<String, Object>> after = new ArrayList<>();
        for (RolloutPlan.Stage stage : plan.stages()) {
            if (stage.step() instanceof Canary.SetWeight) continue;
            (stage.wave() == 0 ? before : after).add(step(stage));
        }
        m.put("before", before);
        m.put("after", after);
        return m;
    }

    /** The plan's hosts and steps as the script's header shows them, then how this playbook carries each wave out. */
    private static List<String> planLines(RolloutPlan plan, Service service) {
        List<String> lines = new ArrayList<>();
        for (String line : plan.lines()) {
            if (line.startsWith("Each wave")) break;
            lines.add(line.replace("approve: stop until `resume` (or `abort`)", "approve: stop until run with deployc_resume_from (or rollback.yml)"));
        }
        Canary canary = service.canary().orElseThrow();
        lines.add("Each wave (serial " + serial(plan) + ", max_fail_percentage 0), tasks at most " + canary.parallel()
                + (canary.parallel() == 1 ? " host" : " hosts") + " at once (throttle):");
        lines.add("  switch   `current` -> releases/<version>; units installed, daemon-reload when they changed");
        lines.add(service.perConnection() ? "  restart  none: each new connection starts the new binary"
                : "  restart  " + service.unitName() + (service.sockets().isEmpty() ? "" : " (never its sockets)"));
        lines.add("  healthy  within " + RolloutPlan.duration(canary.healthyDeadline()) + ", then for "
                + RolloutPlan.duration(canary.healthyFor()) + " (see vars/" + service.name() + ".yml)");
        lines.add(canary.onFailure().equals("rollback")
                ? "On failure: every switched host, earlier waves too, goes back to its previous release; the run fails."
                : "On failure: the run stops (on_failure = pause); run again to retry, or rollback.yml to abort.");
        return lines;
    }

    private static Map<String, Object> step(RolloutPlan.Stage stage) {
        Map<String, Object> m = new HashMap<>();
        int wave = Math.max(1, stage.wave());
        m.put("number", stage.number());
        m.put("wave", wave);
        m.put("when", "deployc_wave | int == " + wave + " and deployc_wave_ok and not deployc_converged"
                + " and not ansible_check_mode and deployc_resume_from | default(1) | int <= " + stage.number());
        if (stage.step() instanceof Canary.Bake b) {
            m.put("kind", "bake");
            m.put("duration", RolloutPlan.duration(b.duration()));
            m.put("seconds", RolloutPlan.seconds(b.duration()));
            m.put("summary", "bake " + RolloutPlan.duration(b.duration()) + ", then every switched host must be healthy");
        } else if (stage.step() instanceof Canary.Approve) {
            m.put("kind", "approve");
            m.put("summary", "approve: stop until run again with deployc_resume_from=" + (stage.number() + 1));
        } else {
            Canary.Gates gates = (Canary.Gates) stage.step();
            List<Map<String, Object>> checks = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int index = 0;
            for (Canary.Check check : gates.checks()) {
                names.add("`" + YamlEscaper.comment(check.name()) + "`");
                checks.add(Map.of("index", index++, "kind", check.gate() instanceof Canary.HttpGate ? "http" : "query"));
            }
            m.put("kind", "checks");
            m.put("checks", checks);
            m.put("summary", "check " + String.join(", ", names));
        }
        return m;
    }

    /** The spec's values for the steps, as lines of the vars file's {@code deployc_steps} map (indented by two). */
    static List<String> stepData(RolloutPlan plan) {
        List<String> lines = new ArrayList<>();
        for (RolloutPlan.Stage stage : plan.stages()) {
            if (stage.step() instanceof Canary.Approve a) {
                lines.add(stage.number() + ":");
                lines.add("  message: " + unsafe(a.message()));
            } else if (stage.step() instanceof Canary.Gates gates) {
                lines.add(stage.number() + ":");
                lines.add("  checks:");
                for (Canary.Check check : gates.checks()) {
                    lines.add("    - name: " + unsafe(check.name()));
                    if (check.gate() instanceof Canary.HttpGate h) {
                        lines.add("      url: " + unsafe(h.url()));
                    } else {
                        Canary.QueryGate q = (Canary.QueryGate) check.gate();
                        lines.add("      query: " + unsafe(q.query()));
                        lines.add("      min: " + quoted(q.min().isPresent() ? q.min().get().toPlainString() : ""));
                        lines.add("      max: " + quoted(q.max().isPresent() ? q.max().get().toPlainString() : ""));
                        lines.add("      no_data: " + q.noData());
                    }
                    lines.add("      interval: " + RolloutPlan.seconds(check.interval()));
                    lines.add("      count: " + check.count());
                    lines.add("      failures: " + check.failures());
                }
            }
        }
        return lines;
    }

    private static Map<String, Object> group(String project, Service service, RolloutPlan plan) {
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (String host : plan.hosts()) {
            Map<String, Object> h = new HashMap<>();
            h.put("name", quoted(inventoryName(host)));
            int at = host.indexOf('@');
            if (at > 0) h.put("user", unsafe(host.substring(0, at)));
            hosts.add(h);
        }
        return Map.of("name", group(project, service.name()), "hosts", hosts);
    }

    /** The vars file of one service's plan. */
    static final class PlaybookVars {

        private PlaybookVars() {}

        static Map<String, Object> model(Spec spec, Service service, RolloutPlan plan, String header) {
            Canary canary = service.canary().orElseThrow();
            Map<String, Object> m = new HashMap<>();
            m.put("header", header);
            m.put("serviceComment", YamlEscaper.comment(service.name()));
            Map<String, Object> self = service(spec, service);
            m.putAll(Map.of("service", self.get("name"), "base", self.get("base"), "binary", self.get("binary"),
                    "units", self.get("units"), "enable", self.get("enable"), "sockets", self.get("sockets"),
                    "restart", self.get("restart")));
            m.put("watch", unsafeList(RolloutEmitter.watched(spec, service)));
            List<String> health = RolloutEmitter.health(service);
            m.put("healthKind", health.get(0));
            List<String> fields = new ArrayList<>();
            switch (health.get(0)) {
                case "http" -> fields.add("url: " + unsafe(health.get(1)));
                case "tcp" -> fields.add("port: " + Integer.parseInt(health.get(1)));
                case "command" -> fields.add("argv: " + unsafeList(health.subList(1, health.size())));
                default -> { }
            }
            m.put("healthFields", fields);
            Health h = service.health().orElse(null);
            long delay = h == null ? 10 : RolloutPlan.seconds(h.interval());
            long deadline = RolloutPlan.seconds(canary.healthyDeadline());
            long healthyFor = RolloutPlan.seconds(canary.healthyFor());
            m.put("probeDelay", delay);
            m.put("probeTimeout", h == null ? 2 : RolloutPlan.seconds(h.timeout()));
            m.put("probeRetries", Math.max(1, (deadline + delay - 1) / delay));
            m.put("healthyProbes", Math.max(1, (healthyFor + delay - 1) / delay));
            m.put("healthyDeadline", deadline);
            m.put("healthyFor", healthyFor);
            m.put("parallel", canary.parallel());
            m.put("onFailure", canary.onFailure());
            m.put("prometheus", unsafe(canary.prometheus().orElse("")));
            List<String> hosts = new ArrayList<>();
            for (String host : plan.hosts()) {
                hosts.add(unsafe(inventoryName(host)));
            }
            m.put("hosts", hosts);
            List<String> waves = new ArrayList<>();
            List<String> waveOf = new ArrayList<>();
            List<String> through = new ArrayList<>();
            List<String> reached = new ArrayList<>();
            for (Canary.Wave wave : plan.waves()) {
                List<String> names = new ArrayList<>();
                for (String host : wave.hosts()) {
                    names.add(inventoryName(host));
                    waveOf.add(quoted(inventoryName(host)) + ": " + wave.number());
                }
                waves.add(unsafeList(names));
                reached.addAll(names);
                through.add(wave.number() + ": " + unsafeList(reached));
            }
            m.put("waves", waves);
            m.put("steps", stepData(plan));
            m.put("waveOf", waveOf);
            m.put("through", through);
            List<Map<String, Object>> all = new ArrayList<>();
            for (Service s : spec.services()) all.add(service(spec, s));
            m.put("projectServices", all);
            return m;
        }

        private static Map<String, Object> service(Spec spec, Service service) {
            RolloutEmitter.Units units = RolloutEmitter.Units.of(service);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", unsafe(service.name()));
            m.put("base", unsafe(RolloutEmitter.base(spec.project().name(), service.name())));
            m.put("binary", unsafe(service.name()));
            m.put("units", unsafeList(units.files()));
            m.put("enable", unsafeList(units.enable()));
            m.put("sockets", unsafeList(units.sockets()));
            m.put("restart", unsafe(units.restart()));
            m.put("canary", service.canary().isPresent() ? "true" : "false");
            return m;
        }
    }
}
