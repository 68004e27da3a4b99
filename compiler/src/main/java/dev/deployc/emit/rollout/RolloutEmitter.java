package dev.deployc.emit.rollout;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.emit.Header;
import dev.deployc.emit.ShellEscaper;
import dev.deployc.emit.Templates;
import dev.deployc.emit.systemd.UnitEscaper;
import dev.deployc.model.Canary;
import dev.deployc.model.Dependency;
import dev.deployc.model.Health;
import dev.deployc.model.Reference;
import dev.deployc.model.Service;
import dev.deployc.model.Socket;
import dev.deployc.model.Spec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits {@code <project>/rollout-<service>.sh} for every service with a canary: the plan, resolved
 * to exact hosts, followed by the rollout engine that carries it out over the fleet.
 */
public final class RolloutEmitter implements dev.deployc.emit.Emitter {

    @Override
    public List<GeneratedFile> emit(Spec spec) {
        List<GeneratedFile> files = new ArrayList<>();
        for (Service service : spec.services()) {
            if (service.canary().isPresent() && service.canary().get().emitsScript()) {
                files.add(emit(spec, service, service.canary().get()));
            }
        }
        return files;
    }

    /** Where a service's releases live on each host; its units run {@code <base>/current/bin/<service>}. */
    public static String base(String project, String service) {
        return "/opt/" + project + "/" + service;
    }

    private GeneratedFile emit(Spec spec, Service service, Canary canary) {
        RolloutPlan plan = new RolloutPlan(spec, service, canary);
        // Services with a canary of their own roll out with their own script.
        List<String> plain = new ArrayList<>();
        List<String> services = new ArrayList<>(List.of(service.name()));
        List<Map<String, Object>> serviceConfigs = new ArrayList<>(List.of(config(spec, service)));
        for (Service s : spec.services()) {
            if (s == service || s.canary().isPresent()) continue;
            plain.add(s.name());
            services.add(s.name());
            serviceConfigs.add(config(spec, s));
        }

        Map<String, Object> model = new HashMap<>();
        model.put("header", Header.text(spec));
        model.put("serviceComment", UnitEscaper.comment(service.name()));
        model.put("projectComment", UnitEscaper.comment(spec.project().name()));
        List<String> planText = new ArrayList<>();
        List<String> planComment = new ArrayList<>();
        for (String line : plan.lines()) {
            String text = UnitEscaper.comment(line);
            planText.add(text);
            planComment.add(text.isEmpty() ? "" : " " + text);
        }
        model.put("plan", planComment);
        model.put("planText", planText);
        model.put("project", ShellEscaper.bashWord(spec.project().name()));
        model.put("service", ShellEscaper.bashWord(service.name()));
        model.put("projectBase", ShellEscaper.bashWord("/opt/" + spec.project().name()));
        model.put("services", words(services));
        model.put("plain", words(plain));
        model.put("serviceConfigs", serviceConfigs);
        Health health = service.health().orElse(null);
        model.put("probeInterval", String.valueOf(health == null ? 10 : RolloutPlan.seconds(health.interval())));
        model.put("healthyFor", String.valueOf(RolloutPlan.seconds(canary.healthyFor())));
        model.put("healthyDeadline", String.valueOf(RolloutPlan.seconds(canary.healthyDeadline())));
        model.put("parallel", String.valueOf(canary.parallel()));
        model.put("onFailure", ShellEscaper.bashWord(canary.onFailure()));
        model.put("prometheus", ShellEscaper.bashWord(canary.prometheus().orElse("")));
        model.put("hosts", bashWords(canary.hosts()));
        List<String> waves = new ArrayList<>();
        for (Canary.Wave wave : canary.waves()) {
            waves.add(ShellEscaper.bashQuoted(String.join(" ", wave.hosts())));
        }
        model.put("waves", waves);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (RolloutPlan.Step step : plan.steps()) {
            List<String> calls = new ArrayList<>();
            for (List<String> call : step.calls()) {
                calls.add(words(call));
            }
            steps.add(Map.of("description", ShellEscaper.bashQuoted(step.summary()), "calls", calls));
        }
        model.put("steps", steps);
        String text = Templates.render("rollout/rollout.sh.ftl", model);
        return new GeneratedFile(spec.project().name() + "/rollout-" + service.name() + ".sh", text, true);
    }

    /**
     * A service's unit files as a rollout installs them, for the script and the playbook alike: the files, those
     * enabled (the service first, unless its sockets start it per connection), its sockets, and the unit to restart
     * (none for a per-connection service).
     */
    public record Units(List<String> files, List<String> enable, List<String> sockets, String restart) {
        public static Units of(Service service) {
            List<String> sockets = new ArrayList<>();
            for (Socket socket : service.sockets()) {
                sockets.add(socket.unitName());
            }
            sockets = List.copyOf(sockets);
            List<String> files = new ArrayList<>(List.of(service.unitName()));
            files.addAll(sockets);
            List<String> enable = new ArrayList<>(sockets);
            if (!service.perConnection()) enable.add(0, service.unitName());
            return new Units(List.copyOf(files), List.copyOf(enable), sockets, service.perConnection() ? "" : service.unitName());
        }
    }

    /** One service's binary, units and health, as the engine's service_config sets them. */
    private static Map<String, Object> config(Spec spec, Service service) {
        Units units = Units.of(service);
        Health health = service.health().orElse(null);
        Map<String, Object> config = new HashMap<>();
        config.put("name", ShellEscaper.bashWord(service.name()));
        config.put("binary", ShellEscaper.bashWord(service.name()));
        config.put("unitFiles", words(units.files()));
        config.put("enable", words(units.enable()));
        config.put("sockets", words(units.sockets()));
        config.put("restart", ShellEscaper.bashWord(units.restart()));
        config.put("watch", words(watched(spec, service)));
        config.put("health", words(health(service)));
        config.put("probeTimeout", String.valueOf(health == null ? 2 : RolloutPlan.seconds(health.timeout())));
        return config;
    }

    /** The units that must be active for a host to be healthy: the service (its sockets for a template) and its dependents. */
    public static List<String> watched(Spec spec, Service service) {
        List<String> watch = new ArrayList<>();
        if (service.perConnection()) {
            for (Socket s : service.sockets()) {
                watch.add(s.unitName());
            }
        } else {
            watch.add(service.unitName());
        }
        watch.addAll(dependents(spec, service));
        return watch;
    }

    /** Services of the same spec that systemd restarts or stops with this one: Requires= and BindsTo=. */
    private static List<String> dependents(Spec spec, Service service) {
        List<String> out = new ArrayList<>();
        for (Service other : spec.services()) {
            if (!other.perConnection() && dependsOn(other, service)) out.add(other.unitName());
        }
        return out;
    }

    private static boolean dependsOn(Service other, Service service) {
        for (Dependency d : other.dependencies()) {
            if ((d.kind() == Dependency.Kind.REQUIRES || d.kind() == Dependency.Kind.BINDS_TO)
                    && d.target() instanceof Reference.Service s && s.name().equals(service.name())) {
                return true;
            }
        }
        return false;
    }

    public static List<String> health(Service service) {
        if (service.health().isEmpty()) return List.of("none");
        Health.Probe probe = service.health().get().probe();
        if (probe instanceof Health.Http h) return List.of("http", h.url());
        if (probe instanceof Health.Tcp t) return List.of("tcp", String.valueOf(t.port()));
        List<String> command = new ArrayList<>(List.of("command"));
        command.addAll(((Health.Command) probe).argv());
        return command;
    }

    private static String words(List<String> values) {
        return String.join(" ", bashWords(values));
    }

    private static List<String> bashWords(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(ShellEscaper.bashWord(v));
        }
        return out;
    }
}
