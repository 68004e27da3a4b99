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
        List<Service> services = root.children("service").stream().map(s -> service(project, s, inventories)).toList();
        return new Spec(source, project, services, KernelSettings.of(openBlock(root.child("sysctl")), services));
    }

    private Service service(Project project, Section s, Map<String, List<String>> inventories) {
        String name = s.label();
        String base = UnitNames.base(project.name(), name);
        List<Socket> sockets = s.children("socket").stream().map(socket -> socket(base, socket)).toList();
        boolean perConnection = sockets.stream().anyMatch(Socket::accept);
        List<Dependency> deps = new ArrayList<>();
        for (Dependency.Kind kind : Dependency.Kind.values()) {
            s.<List<Reference>>value(kind.name().toLowerCase()).orElse(List.of()).forEach(r -> deps.add(new Dependency(kind, r)));
        }
        return new Service(
                name,
                s.<Boolean>value("template").orElse(false) ? base + "@.service" : UnitNames.service(base, perConnection),
                s.setting("description").map(d -> (String) d.value()).orElse(name + " (" + project.name() + ")"),
                s.setting("main").map(m -> (String) m.value()).orElse("./cmd/" + name),
                s.setting("exec").map(e -> ModelBuilder.<String>cast(e.value()))
                        .orElse(List.of("/opt/" + project.name() + "/" + name + "/current/bin/" + name)),
                s.value("user"),
                s.value("group"),
                openBlock(s.child("env")),
                sockets,
                deps,
                s.valueOr("ports", List.of()),
                s.value("capabilities").filter(List.class::isInstance).map(ModelBuilder::<String>cast).orElse(List.of()),
                s.valueOr("writable_paths", List.of()),
                s.child("health").map(this::health),
                image(s.child("image")),
                s.child("canary").map(c -> canary(c, inventories)),
                openBlock(s.child("sysctl")),
                serviceUnitSettings(s),
                runtime(s));
    }

    private Runtime runtime(Section s) {
        Optional<Section> h = s.child("hardening");
        boolean root = s.value("user").map(u -> u.equals("root") || u.equals("0")).orElse(false);
        Object caps = s.value("capabilities").orElse(List.of());
        Optional<List<String>> bounding = caps.equals("unrestricted") ? Optional.empty() : Optional.of(cast(caps));
        List<String> ambient = s.<List<String>>value("ambient_capabilities")
                .orElse(root ? List.of() : bounding.orElse(List.of()));
        List<String> envFiles = new ArrayList<>(s.valueOr("environment_files", List.<String>of()));
        s.<List<String>>value("optional_environment_files").orElse(List.of()).forEach(f -> envFiles.add("-" + f));
        Object umask = h.flatMap(x -> x.value("umask")).orElse(Boolean.TRUE);
        Optional<String> mask = umask.equals(Boolean.TRUE) ? Optional.of("0077") : umask.equals(Boolean.FALSE) ? Optional.empty()
                : Optional.of((String) umask);
        Map<String, List<List<String>>> raw = new LinkedHashMap<>();
        for (Map.Entry<String, String> hatch : dev.deployc.schema.Directives.HATCH_SECTIONS.entrySet()) {
            s.child(hatch.getKey()).ifPresent(b -> b.settings().forEach((k, v) -> {
                List<String> values = v.value() instanceof List<?> l ? cast(l) : List.of((String) v.value());
                values.forEach(value -> raw.computeIfAbsent(hatch.getValue(), x -> new ArrayList<>()).add(List.of(k, value)));
            }));
        }
        return new Runtime(s.<String>value("binary").orElse(s.label()), root, bounding, ambient, envFiles, s.value("reload"), s.value("reload_signal"),
                s.valueOr("start_pre", List.of()), s.valueOr("start_post", List.of()), s.valueOr("stop_post", List.of()),
                s.<Boolean>value("install").orElse(true), s.<Boolean>value("template").orElse(false), mask,
                h.<List<String>>flatMap(x -> x.value("extra_address_families")).orElse(List.of()),
                h.<List<String>>flatMap(x -> x.value("system_calls_allow")).orElse(List.of()),
                h.<List<String>>flatMap(x -> x.value("system_calls_deny")).orElse(List.of()),
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
                        && section.flatMap(r -> r.setting("policy")).isEmpty()) {
                    value = Optional.of("no");
                }
                value.ifPresent(v -> out.add(new MappedSetting(key, v)));
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
                s.value(key.name()).ifPresent(v -> settings.add(new MappedSetting(key, v)));
            }
        }
        return new Socket(s.label(), UnitNames.socket(serviceBase, s.label()),
                s.value("type").equals(Optional.of("datagram")), cast(s.value("listen").orElseThrow()),
                s.<Boolean>value("accept").orElse(false), settings, s.<Boolean>value("part_of").orElse(false), socketRaw(s), s.value("description"));
    }

    private static List<List<String>> socketRaw(Section socket) {
        List<List<String>> raw = new ArrayList<>();
        socket.child("systemd_socket").ifPresent(b -> b.settings().forEach((k, v) -> {
            List<String> values = v.value() instanceof List<?> l ? cast(l) : List.of((String) v.value());
            values.forEach(value -> raw.add(List.of(k, value)));
        }));
        return raw;
    }

    private Health health(Section h) {
        Health.Probe probe = h.<String>value("http").<Health.Probe>map(Health.Http::new)
                .or(() -> h.<Integer>value("tcp").map(Health.Tcp::new))
                .orElseGet(() -> new Health.Command(cast(h.value("command").orElseThrow())));
        return new Health(probe, h.<Duration>value("interval").orElseThrow(), h.<Duration>value("timeout").orElseThrow(),
                h.<Long>value("retries").orElseThrow(), h.<Duration>value("start_period").orElseThrow());
    }

    private Image image(Optional<Section> image) {
        return image.map(i -> new Image(i.<String>value("flavour").orElseThrow(), i.valueOr("expose", List.of()),
                        i.<Boolean>value("timezones").orElseThrow(), i.valueOr("packages", List.of())))
                .orElseGet(() -> new Image((String) defaultOf(Schema.keyAt("service.image.flavour")).orElseThrow(), List.of(),
                        (Boolean) defaultOf(Schema.keyAt("service.image.timezones")).orElseThrow(), List.of()));
    }

    private Canary canary(Section c, Map<String, List<String>> inventories) {
        List<Canary.Step> steps = new ArrayList<>();
        for (Section step : c.children("step")) {
            Optional<Canary.Step> s = step.<Weight>value("weight").<Canary.Step>map(Canary.SetWeight::new)
                    .or(() -> step.<Duration>value("bake").map(Canary.Bake::new))
                    .or(() -> step.<String>value("approve").map(Canary.Approve::new));
            steps.add(s.orElseGet(() -> new Canary.Gates(step.children("check").stream().map(this::check).toList())));
        }
        Optional<String> inventory = c.value("inventory");
        List<String> hosts = inventory.map(inventories::get).orElseGet(() -> c.valueOr("hosts", List.of()));
        return new Canary(hosts, inventory, c.<Long>value("parallel").orElseThrow(), c.<String>value("on_failure").orElseThrow(),
                c.<Duration>value("healthy_for").orElseThrow(), c.<Duration>value("healthy_deadline").orElseThrow(),
                c.value("prometheus"), steps, c.<String>value("emit").orElseThrow());
    }

    private Canary.Check check(Section c) {
        Canary.Gate gate = c.<String>value("http").<Canary.Gate>map(Canary.HttpGate::new)
                .orElseGet(() -> new Canary.QueryGate(c.<String>value("query").orElseThrow(), c.<BigDecimal>value("min"),
                        c.<BigDecimal>value("max"), c.<String>value("no_data").orElseThrow()));
        return new Canary.Check(c.label(), gate, c.<Duration>value("interval").orElseThrow(),
                c.<Long>value("count").orElseThrow(), c.<Long>value("failures").orElseThrow());
    }

    private static Map<String, String> openBlock(Optional<Section> block) {
        Map<String, String> out = new LinkedHashMap<>();
        block.ifPresent(b -> b.settings().forEach((k, v) -> out.put(k, (String) v.value())));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Object list) {
        return (List<T>) list;
    }
}
