package dev.deployc.emit.systemd;

import dev.deployc.model.Command;
import dev.deployc.model.Dependency;
import dev.deployc.model.Runtime;
import dev.deployc.model.MappedSetting;
import dev.deployc.model.Reference;
import dev.deployc.model.Service;
import dev.deployc.model.Socket;
import dev.deployc.model.Spec;
import dev.deployc.schema.UnitMapping;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lays out one {@code .service} unit from the model. */
final class ServiceUnit {

    private static final String UNIT = "Unit";
    private static final String SERVICE = "Service";
    private static final String INSTALL = "Install";

    private ServiceUnit() {}

    static UnitFile of(Spec spec, Service service) {
        Runtime rt = service.runtime();
        UnitFile unit = new UnitFile(UNIT, SERVICE, INSTALL);
        unit.add(UNIT, "Description", UnitEscaper.expanding(service.description()));
        dependencies(spec, service, unit);
        mapped(service, UNIT, unit);

        service.unitSettings().stream().filter(s -> s.key().path().equals("service.type"))
                .forEach(s -> unit.add(SERVICE, "Type", s.value().toString()));
        commands(unit, "ExecStartPre", rt.startPre());
        unit.add(SERVICE, "ExecStart", UnitEscaper.execLine(service.argv()));
        commands(unit, "ExecStartPost", rt.startPost());
        rt.reload().ifPresent(r -> unit.add(SERVICE, "ExecReload", UnitEscaper.execLine(r)));
        rt.reloadSignal().ifPresent(sig -> unit.add(SERVICE, "ExecReload", "/bin/kill -s " + sig.substring(3) + " $MAINPID"));
        commands(unit, "ExecStopPost", rt.stopPost());
        if (rt.root()) {
            unit.line(SERVICE, "# Runs as root, as the spec asks (`user = \"root\"`): no User=, no DynamicUser=.");
        } else {
            service.user().ifPresentOrElse(u -> unit.add(SERVICE, "User", UnitEscaper.expanding(u)),
                    () -> unit.add(SERVICE, "DynamicUser", "yes"));
        }
        service.group().ifPresent(g -> unit.add(SERVICE, "Group", UnitEscaper.expanding(g)));
        service.environment().forEach((k, v) -> unit.add(SERVICE, "Environment", UnitEscaper.environment(k, v)));
        rt.environmentFiles().forEach(f -> unit.add(SERVICE, "EnvironmentFile", UnitEscaper.expanding(f)));
        rt.credentials().forEach((id, path) -> unit.add(SERVICE, "LoadCredential", UnitEscaper.expanding(id + ":" + path)));
        rt.encryptedCredentials().forEach((id, path) -> unit.add(SERVICE, "LoadCredentialEncrypted", UnitEscaper.expanding(id + ":" + path)));
        for (MappedSetting s : service.unitSettings()) {
            if (s.key().unit() instanceof UnitMapping.Key k && k.section().equals(SERVICE) && !k.key().equals("Type")
                    && !s.key().scope().equals("service.hardening")) {
                UnitValues.lines(s.key(), s.value()).forEach(v -> unit.add(SERVICE, k.key(), v));
            }
        }
        if (!service.writablePaths().isEmpty()) {
            unit.add(SERVICE, "ReadWritePaths", String.join(" ", service.writablePaths().stream().map(UnitEscaper::listWord).toList()));
        }
        rt.capabilities().ifPresentOrElse(caps -> unit.add(SERVICE, "CapabilityBoundingSet", String.join(" ", caps)),
                () -> unit.line(SERVICE, "# No CapabilityBoundingSet=: the spec asks for `capabilities = unrestricted`."));
        unit.add(SERVICE, "AmbientCapabilities", String.join(" ", rt.ambientCapabilities()));
        unit.line(SERVICE, "# Sandbox: turn a switch off in the spec's `hardening` block, never here.");
        for (MappedSetting s : service.unitSettings()) {
            if (s.key().unit() instanceof UnitMapping.Profile p && Boolean.TRUE.equals(s.value())) {
                p.lines().forEach(line -> unit.line(SERVICE, Sandbox.adjust(line, rt)));
            } else if (s.key().unit() instanceof UnitMapping.Graded g) {
                g.lines().get(s.value().toString()).forEach(line -> unit.line(SERVICE, line));
            } else if (s.key().unit() instanceof UnitMapping.Key k && s.key().scope().equals("service.hardening")) {
                UnitValues.lines(s.key(), s.value()).forEach(v -> unit.add(SERVICE, k.key(), v));
            }
        }
        rt.umask().ifPresent(m -> unit.add(SERVICE, "UMask", m));
        if (!service.perConnection() && rt.install()) {
            unit.add(INSTALL, "WantedBy", "multi-user.target");
        }
        mapped(service, INSTALL, unit);
        raw(unit, rt.raw());
        return unit;
    }

    private static void mapped(Service service, String section, UnitFile unit) {
        for (MappedSetting s : service.unitSettings()) {
            if (s.key().unit() instanceof UnitMapping.Key k && k.section().equals(section)) {
                UnitValues.lines(s.key(), s.value()).forEach(v -> unit.add(section, k.key(), v));
            }
        }
    }

    private static void commands(UnitFile unit, String key, List<Command> commands) {
        commands.forEach(c -> unit.add(SERVICE, key, (c.mayFail() ? "-" : "") + UnitEscaper.execLine(c.argv())));
    }

    /** The escape hatch's lines, last in their section, under a comment that says where they came from. */
    static void raw(UnitFile unit, Map<String, List<List<String>>> raw) {
        raw.forEach((section, lines) -> {
            unit.line(section, "# Escape hatch: raw settings from the spec's `systemd_" + section.toLowerCase(java.util.Locale.ROOT) + "` block.");
            lines.forEach(l -> unit.add(section, l.get(0), UnitEscaper.raw(l.get(1))));
        });
    }

    /**
     * The service needs its sockets ({@code Requires=}+{@code After=}, or {@code BindsTo=} when
     * the spec binds to one) and then the dependencies the spec lists, one unit per line.
     */
    private static void dependencies(Spec spec, Service service, UnitFile unit) {
        Set<String> boundSockets = new LinkedHashSet<>();
        service.dependencies().stream().filter(d -> d.kind() == Dependency.Kind.BINDS_TO)
                .forEach(d -> boundSockets.add(unitName(spec, service, d.target())));
        for (Socket socket : service.sockets()) {
            String key = boundSockets.contains(socket.unitName()) ? "BindsTo" : "Requires";
            unit.add(UNIT, key, socket.unitName());
            unit.add(UNIT, "After", socket.unitName());
        }
        Map<Dependency.Kind, List<Dependency>> byKind = new java.util.EnumMap<>(Dependency.Kind.class);
        service.dependencies().forEach(d -> byKind.computeIfAbsent(d.kind(), k -> new java.util.ArrayList<>()).add(d));
        for (Dependency.Kind kind : List.of(Dependency.Kind.REQUIRES, Dependency.Kind.BINDS_TO, Dependency.Kind.WANTS, Dependency.Kind.AFTER, Dependency.Kind.PART_OF)) {
            for (Dependency d : byKind.getOrDefault(kind, List.of())) {
                String target = unitName(spec, service, d.target());
                boolean socketAlreadyRequired = kind == Dependency.Kind.REQUIRES && boundSockets.contains(target);
                if (!socketAlreadyRequired) {
                    unit.add(UNIT, kind.unitKey(), target);
                }
                // network-online.target only has an effect when something pulls it in.
                if (kind == Dependency.Kind.AFTER && target.equals("network-online.target")) {
                    unit.add(UNIT, "Wants", target);
                }
            }
        }
    }

    private static String unitName(Spec spec, Service service, Reference ref) {
        if (ref instanceof Reference.Service s) {
            return spec.services().stream().filter(o -> o.name().equals(s.name())).findFirst().orElseThrow().unitName();
        }
        if (ref instanceof Reference.Socket s) {
            return service.sockets().stream().filter(o -> o.label().equals(s.label())).findFirst().orElseThrow().unitName();
        }
        if (ref instanceof Reference.Target t) {
            return t.name() + ".target";
        }
        return UnitEscaper.raw(((Reference.Unit) ref).unitName());
    }
}
