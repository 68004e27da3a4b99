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
            service.canary().filter(Canary::emitsScript).ifPresent(canary -> files.add(emit(spec, service, canary)));
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
        List<Service> plain = spec.services().stream().filter(s -> s != service && s.canary().isEmpty()).toList();
        List<Service> services = new ArrayList<>(List.of(service));
        services.addAll(plain);

        Map<String, Object> model = new HashMap<>();
        model.put("header", Header.text(spec));
        model.put("serviceComment", UnitEscaper.comment(service.name()));
        model.put("projectComment", UnitEscaper.comment(spec.project().name()));
        List<String> planText = plan.lines().stream().map(UnitEscaper::comment).toList();
        model.put("plan", planText.stream().map(l -> l.isEmpty() ? "" : " " + l).toList());
        model.put("planText", planText);
        model.put("project", ShellEscaper.bashWord(spec.project().name()));
        model.put("service", ShellEscaper.bashWord(service.name()));
        model.put("projectBase", ShellEscaper.bashWord("/opt/" + spec.project().name()));
        model.put("services", words(services.stream().map(Service::name).toList()));
        model.put("plain", words(plain.stream().map(Service::name).toList()));
        model.put("serviceConfigs", services.stream().map(s -> config(spec, s)).toList());
        Health health = service.health().orElse(null);
        model.put("probeInterval", String.valueOf(health == null ? 10 : RolloutPlan.seconds(health.interval())));
        model.put("healthyFor", String.valueOf(RolloutPlan.seconds(canary.healthyFor())));
        model.put("healthyDeadline", String.valueOf(RolloutPlan.seconds(canary.healthyDeadline())));
        model.put("parallel", String.valueOf(canary.parallel()));
        model.put("onFailure", ShellEscaper.bashWord(canary.onFailure()));
        model.put("prometheus", ShellEscaper.bashWord(canary.prometheus().orElse("")));
        model.put("hosts", canary.hosts().stream().map(ShellEscaper::bashWord).toList());
        model.put("waves", canary.waves().stream().map(w -> ShellEscaper.bashQuoted(String.join(" ", w.hosts()))).toList());
        model.put("steps", plan.steps().stream().map(s -> Map.of(
                "description", ShellEscaper.bashQuoted(s.summary()),
                "calls", s.calls().stream().map(RolloutEmitter::words).toList())).toList());
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
            List<String> sockets = service.sockets().stream().map(Socket::unitName).toList();
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
            service.sockets().forEach(s -> watch.add(s.unitName()));
        } else {
            watch.add(service.unitName());
        }
        watch.addAll(dependents(spec, service));
        return watch;
    }

    /** Services of the same spec that systemd restarts or stops with this one: Requires= and BindsTo=. */
    private static List<String> dependents(Spec spec, Service service) {
        return spec.services().stream()
                .filter(other -> !other.perConnection() && other.dependencies().stream().anyMatch(d ->
                        (d.kind() == Dependency.Kind.REQUIRES || d.kind() == Dependency.Kind.BINDS_TO)
                                && d.target() instanceof Reference.Service s && s.name().equals(service.name())))
                .map(Service::unitName).toList();
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
        return String.join(" ", values.stream().map(ShellEscaper::bashWord).toList());
    }
}
