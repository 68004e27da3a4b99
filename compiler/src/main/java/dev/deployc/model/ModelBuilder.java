package dev.deployc.model;

import dev.deployc.check.Section;
import dev.deployc.schema.KeyDef;
import dev.deployc.schema.Schema;
import dev.deployc.schema.UnitMapping;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Third stage: a checked section tree becomes the typed model, defaults applied. */
public final class ModelBuilder {

    private static final List<String> SERVICE_UNIT_SCOPES = List.of("service", "service.restart", "service.limits", "service.hardening",
            "service.condition", "service.assert");

    public Spec build(Section root, String source) {
        return build(root, source, Map.of());
    }

    /** {@code inventories}: hosts by inventory path, as the check stage read them. */
    public Spec build(Section root, String source, Map<String, List<String>> inventories) {
        Section p = root.child("project").orElseThrow();
        Project project = new Project(p.label(), p.<String>value("module").orElseThrow(), p.<String>value("go").orElseThrow(),
                p.<List<String>>value("targets").orElseThrow(), p.<String>value("version_var").orElseThrow(),
                p.value("commit_var"), p.value("date_var"), p.value("builder_digest"), p.<Boolean>value("compress").orElseThrow());
        List<Service> services = new ArrayList<>();
        for (Section s : root.children("service")) {
            services.add(service(project, s, inventories));
        }
        return new Spec(source, project, services, KernelSettings.of(openBlock(root.child("sysctl")), services));
    }

    private Service service(Project project, Section s, Map<String, List<String>> inventories) {
        String name = s.label();
        String base = UnitNames.base(project.name(), name);
        List<Socket> sockets = new ArrayList<>();
        boolean perConnection = false;
        for (Section block : s.children("socket")) {
            Socket socket = socket(base, block);
            sockets.add(socket);
            perConnection |= socket.accept();
        }
        List<Dependency> deps = new ArrayList<>();
        for (Dependency.Kind kind : Dependency.Kind.values()) {
            for (Reference r : s.<List<Reference>>value(kind.name().toLowerCase()).orElse(List.of())) {
                deps.add(new Dependency(kind, r));
            }
        }
        Object caps = s.value("capabilities").orElse(null);
        Optional<Section> healthBlock = s.child("health");
        Optional<Section> canaryBlock = s.child("canary");
        return new Service(
                name,
                s.<Boolean>value("template").orElse(false) ? base + "@.service" : UnitNames.service(base, perConnection),
                given(s, "description", name + " (" + project.name() + ")"),
                given(s, "main", "./cmd/" + name),
                given(s, "exec", List.of("/opt/" + project.name() + "/" + name + "/current/bin/" + name)),
                s.value("user"),
                s.value("group"),
                openBlock(s.child("env")),
                sockets,
                deps,
                s.valueOr("ports", List.of()),
                caps instanceof List<?> list ? cast(list) : List.of(),
                s.valueOr("writable_paths", List.of()),
                healthBlock.isPresent() ? Optional.of(health(healthBlock.get())) : Optional.empty(),
                image(s.child("image")),
                canaryBlock.isPresent() ? Optional.of(canary(canaryBlock.get(), inventories)) : Optional.empty(),
                openBlock(s.child("sysctl")),
                serviceUnitSettings(s),
                runtime(s));
    }

    private Runtime runtime(Section s) {
        Optional<Section> h = s.child("hardening");
        Object user = s.value("user").orElse(null);
        boolean root = "root".equals(user) || "0".equals(user);
        Object caps = s.value("capabilities").orElse(List.of());
        Optional<List<String>> bounding = caps.equals("unrestricted") ? Optional.empty() : Optional.of(cast(caps));
        List<String> ambient = s.<List<String>>value("ambient_capabilities")
                .orElse(root ? List.of() : bounding.orElse(List.of()));
        List<String> envFiles = new ArrayList<>(s.valueOr("environment_files", List.<String>of()));
        for (String f : s.<List<String>>value("optional_environment_files").orElse(List.of())) {
            envFiles.add("-" + f);
        }
        Object umask = h.isPresent() ? h.get().valueOr("umask", Boolean.TRUE) : Boolean.TRUE;
        Optional<String> mask = umask.equals(Boolean.TRUE) ? Optional.of("0077") : umask.equals(Boolean.FALSE) ? Optional.empty()
                : Optional.of((String) umask);
        Map<String, List<List<String>>> raw = new LinkedHashMap<>();
        for (Map.Entry<String, String> hatch : dev.deployc.schema.Directives.HATCH_SECTIONS.entrySet()) {
            Optional<Section> block = s.child(hatch.getKey());
            if (block.isEmpty()) continue;
            for (Map.Entry<String, Section.Setting> e : block.get().settings().entrySet()) {
                for (String value : values(e.getValue())) {
                    List<List<String>> lines = raw.get(hatch.getValue());
                    if (lines == null) raw.put(hatch.getValue(), lines = new ArrayList<>());
                    lines.add(List.of(e.getKey(), value));
                }
            }
        }
        return new Runtime(s.<String>value("binary").orElse(s.label()), root, bounding, ambient, envFiles, s.value("reload"), s.value("reload_signal"),
                s.valueOr("start_pre", List.of()), s.valueOr("start_post", List.of()), s.valueOr("stop_post", List.of()),
                s.<Boolean>value("install").orElse(true), s.<Boolean>value("template").orElse(false), mask,
                listIn(h, "extra_address_families"), listIn(h, "system_calls_allow"), listIn(h, "system_calls_deny"),
                openBlock(s.child("credentials")), openBlock(s.child("encrypted_credentials")), raw);
    }

    private List<MappedSetting> serviceUnitSettings(Section service) {
        boolean oneshot = service.value("type").equals(Optional.of("oneshot"));
        List<MappedSetting> out = new ArrayList<>();
        for (String scope : SERVICE_UNIT_SCOPES) {
            Optional<Section> section = scope.equals("service") ? Optional.of(service)
                    : service.child(scope.substring("service.".length()));
            for (KeyDef key : Schema.keys(scope)) {
                if (!(key.unit() instanceof UnitMapping.Key) && !(key.unit() instanceof UnitMapping.Profile)
                        && !(key.unit() instanceof UnitMapping.Graded)) continue;
                Optional<Object> value = section.isPresent() ? section.get().value(key.name()) : defaultOf(key);
                // A oneshot job (a migration, say) should not re-run by itself unless the spec asks; systemd
                // allows on-failure for it, and the check refuses always/on-success, which systemd rejects.
                if (oneshot && key.path().equals("service.restart.policy")
                        && (section.isEmpty() || section.get().setting("policy").isEmpty())) {
                    value = Optional.of("no");
                }
                if (value.isPresent()) out.add(new MappedSetting(key, value.get()));
            }
        }
        return out;
    }

    private static Optional<Object> defaultOf(KeyDef key) {
        return Section.defaultOf(key);
    }

    private Socket socket(String serviceBase, Section s) {
        List<MappedSetting> settings = new ArrayList<>();
        for (KeyDef key : Schema.keys("service.socket")) {
            if (key.unit() instanceof UnitMapping.Key) {
                Optional<Object> value = s.value(key.name());
                if (value.isPresent()) settings.add(new MappedSetting(key, value.get()));
            }
        }
        return new Socket(s.label(), UnitNames.socket(serviceBase, s.label()),
                s.value("type").equals(Optional.of("datagram")), cast(s.value("listen").orElseThrow()),
                s.<Boolean>value("accept").orElse(false), settings, s.<Boolean>value("part_of").orElse(false), socketRaw(s), s.value("description"));
    }

    private static List<List<String>> socketRaw(Section socket) {
        List<List<String>> raw = new ArrayList<>();
        Optional<Section> block = socket.child("systemd_socket");
        if (block.isEmpty()) return raw;
        for (Map.Entry<String, Section.Setting> e : block.get().settings().entrySet()) {
            for (String value : values(e.getValue())) {
                raw.add(List.of(e.getKey(), value));
            }
        }
        return raw;
    }

    /** The lines of a raw systemd setting: one per value of a list, else its one value. */
    private static List<String> values(Section.Setting setting) {
        return setting.value() instanceof List<?> l ? cast(l) : List.of((String) setting.value());
    }

    private Health health(Section h) {
        Optional<String> http = h.value("http");
        Optional<Integer> tcp = h.value("tcp");
        Health.Probe probe = http.isPresent() ? new Health.Http(http.get())
                : tcp.isPresent() ? new Health.Tcp(tcp.get())
                : new Health.Command(cast(h.value("command").orElseThrow()));
        return new Health(probe, h.<Duration>value("interval").orElseThrow(), h.<Duration>value("timeout").orElseThrow(),
                h.<Long>value("retries").orElseThrow(), h.<Duration>value("start_period").orElseThrow());
    }

    private Image image(Optional<Section> image) {
        if (image.isPresent()) {
            Section i = image.get();
            return new Image(i.<String>value("flavour").orElseThrow(), i.valueOr("expose", List.of()),
                    i.<Boolean>value("timezones").orElseThrow(), i.valueOr("packages", List.of()));
        }
        return new Image((String) defaultOf(Schema.keyAt("service.image.flavour")).orElseThrow(), List.of(),
                (Boolean) defaultOf(Schema.keyAt("service.image.timezones")).orElseThrow(), List.of());
    }

    private Canary canary(Section c, Map<String, List<String>> inventories) {
        List<Canary.Step> steps = new ArrayList<>();
        for (Section step : c.children("step")) {
            steps.add(canaryStep(step));
        }
        Optional<String> inventory = c.value("inventory");
        List<String> hosts = inventory.isPresent() ? inventories.get(inventory.get()) : null;
        if (hosts == null) hosts = c.valueOr("hosts", List.of());
        return new Canary(hosts, inventory, c.<Long>value("parallel").orElseThrow(), c.<String>value("on_failure").orElseThrow(),
                c.<Duration>value("healthy_for").orElseThrow(), c.<Duration>value("healthy_deadline").orElseThrow(),
                c.value("prometheus"), steps, c.<String>value("emit").orElseThrow());
    }

    private Canary.Step canaryStep(Section step) {
        Optional<Weight> weight = step.value("weight");
        if (weight.isPresent()) return new Canary.SetWeight(weight.get());
        Optional<Duration> bake = step.value("bake");
        if (bake.isPresent()) return new Canary.Bake(bake.get());
        Optional<String> approve = step.value("approve");
        if (approve.isPresent()) return new Canary.Approve(approve.get());
        List<Canary.Check> checks = new ArrayList<>();
        for (Section check : step.children("check")) {
            checks.add(check(check));
        }
        return new Canary.Gates(checks);
    }

    private Canary.Check check(Section c) {
        Optional<String> http = c.value("http");
        Canary.Gate gate = http.isPresent() ? new Canary.HttpGate(http.get())
                : new Canary.QueryGate(c.<String>value("query").orElseThrow(), c.<BigDecimal>value("min"),
                        c.<BigDecimal>value("max"), c.<String>value("no_data").orElseThrow());
        return new Canary.Check(c.label(), gate, c.<Duration>value("interval").orElseThrow(),
                c.<Long>value("count").orElseThrow(), c.<Long>value("failures").orElseThrow());
    }

    private static Map<String, String> openBlock(Optional<Section> block) {
        Map<String, String> out = new LinkedHashMap<>();
        if (block.isEmpty()) return out;
        for (Map.Entry<String, Section.Setting> e : block.get().settings().entrySet()) {
            out.put(e.getKey(), (String) e.getValue().value());
        }
        return out;
    }

    /** The value the spec itself gave {@code key} (never the table's default), or {@code fallback}. */
    @SuppressWarnings("unchecked")
    private static <T> T given(Section s, String key, T fallback) {
        Optional<Section.Setting> setting = s.setting(key);
        Object value = setting.isPresent() ? setting.get().value() : null;
        return value != null ? (T) value : fallback;
    }

    private static List<String> listIn(Optional<Section> block, String key) {
        return block.isPresent() ? block.get().valueOr(key, List.of()) : List.of();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Object list) {
        return (List<T>) list;
    }
}
