package dev.deployc.emit.systemd;

import dev.deployc.model.Dependency;
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
        UnitFile unit = new UnitFile(UNIT, SERVICE, INSTALL);
        unit.add(UNIT, "Description", UnitEscaper.raw(service.description()));
        dependencies(spec, service, unit);
        for (MappedSetting s : service.unitSettings()) {
            if (s.key().unit() instanceof UnitMapping.Key k && k.section().equals(UNIT)) {
                unit.add(UNIT, k.key(), UnitValues.format(s.key(), s.value()));
            }
        }

        service.unitSettings().stream().filter(s -> s.key().path().equals("service.type"))
                .forEach(s -> unit.add(SERVICE, "Type", s.value().toString()));
        unit.add(SERVICE, "ExecStart", UnitEscaper.execLine(service.argv()));
        service.user().ifPresentOrElse(u -> unit.add(SERVICE, "User", UnitEscaper.raw(u)),
                () -> unit.add(SERVICE, "DynamicUser", "yes"));
        service.group().ifPresent(g -> unit.add(SERVICE, "Group", UnitEscaper.raw(g)));
        service.environment().forEach((k, v) -> unit.add(SERVICE, "Environment", UnitEscaper.environment(k, v)));
        for (MappedSetting s : service.unitSettings()) {
            if (s.key().unit() instanceof UnitMapping.Key k && k.section().equals(SERVICE) && !k.key().equals("Type")) {
                unit.add(SERVICE, k.key(), UnitValues.format(s.key(), s.value()));
            }
        }
        if (!service.writablePaths().isEmpty()) {
            unit.add(SERVICE, "ReadWritePaths", String.join(" ", service.writablePaths().stream().map(UnitEscaper::listWord).toList()));
        }
        String caps = String.join(" ", service.capabilities());
        unit.add(SERVICE, "CapabilityBoundingSet", caps);
        unit.add(SERVICE, "AmbientCapabilities", caps);
        unit.line(SERVICE, "# Sandbox: turn a switch off in the spec's `hardening` block, never here.");
        for (MappedSetting s : service.unitSettings()) {
            if (s.key().unit() instanceof UnitMapping.Profile p && Boolean.TRUE.equals(s.value())) {
                p.lines().forEach(line -> unit.line(SERVICE, line));
            }
        }
        if (!service.perConnection()) {
            unit.add(INSTALL, "WantedBy", "multi-user.target");
        }
        return unit;
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
        for (Dependency.Kind kind : List.of(Dependency.Kind.REQUIRES, Dependency.Kind.BINDS_TO, Dependency.Kind.WANTS, Dependency.Kind.AFTER)) {
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
