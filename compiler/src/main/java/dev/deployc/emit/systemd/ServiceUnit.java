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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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

        for (MappedSetting s : service.unitSettings()) {
            if (s.key().path().equals("service.type")) unit.add(SERVICE, "Type", s.value().toString());
        }
        commands(unit, "ExecStartPre", rt.startPre());
        unit.add(SERVICE, "ExecStart", UnitEscaper.execLine(service.argv()));
        commands(unit, "ExecStartPost", rt.startPost());
        if (rt.reload().isPresent()) unit.add(SERVICE, "ExecReload", UnitEscaper.execLine(rt.reload().get()));
        if (rt.reloadSignal().isPresent()) {
            unit.add(SERVICE, "ExecReload", "/bin/kill -s " + rt.reloadSignal().get().substring(3) + " $MAINPID");
        }
        commands(unit, "ExecStopPost", rt.stopPost());
        if (rt.root()) {
            unit.line(SERVICE, "# Runs as root, as the spec asks (`user = \"root\"`): no User=, no DynamicUser=.");
        } else if (service.user().isPresent()) {
            unit.add(SERVICE, "User", UnitEscaper.expanding(service.user().get()));
        } else {
            unit.add(SERVICE, "DynamicUser", "yes");
        }
        if (service.group().isPresent()) unit.add(SERVICE, "Group", UnitEscaper.expanding(service.group().get()));
        for (Map.Entry<String, String> e : service.environment().entrySet()) {
            unit.add(SERVICE, "Environment", UnitEscaper.environment(e.getKey(), e.getValue()));
        }
        for (String f : rt.environmentFiles()) {
            unit.add(SERVICE, "EnvironmentFile", UnitEscaper.expanding(f));
        }
        credentials(unit, "LoadCredential", rt.credentials());
        credentials(unit, "LoadCredentialEncrypted", rt.encryptedCredentials());
        for (MappedSetting s : service.unitSettings()) {
            if (s.key().unit() instanceof UnitMapping.Key k && k.section().equals(SERVICE) && !k.key().equals("Type")
                    && !s.key().scope().equals("service.hardening")) {
                addAll(unit, SERVICE, k.key(), UnitValues.lines(s.key(), s.value()));
            }
        }
        if (!service.writablePaths().isEmpty()) {
            List<String> words = new ArrayList<>();
            for (String path : service.writablePaths()) {
                words.add(UnitEscaper.listWord(path));
            }
            unit.add(SERVICE, "ReadWritePaths", String.join(" ", words));
        }
        if (rt.capabilities().isPresent()) {
            unit.add(SERVICE, "CapabilityBoundingSet", String.join(" ", rt.capabilities().get()));
        } else {
            unit.line(SERVICE, "# No CapabilityBoundingSet=: the spec asks for `capabilities = unrestricted`.");
        }
        unit.add(SERVICE, "AmbientCapabilities", String.join(" ", rt.ambientCapabilities()));
        unit.line(SERVICE, "# Sandbox: turn a switch off in the spec's `hardening` block, never here.");
        for (MappedSetting s : service.unitSettings()) {
            if (s.key().unit() instanceof UnitMapping.Profile p && Boolean.TRUE.equals(s.value())) {
                for (String line : p.lines()) {
                    unit.line(SERVICE, Sandbox.adjust(line, rt));
                }
            } else if (s.key().unit() instanceof UnitMapping.Graded g) {
                for (String line : g.lines().get(s.value().toString())) {
                    unit.line(SERVICE, line);
                }
            } else if (s.key().unit() instanceof UnitMapping.Key k && s.key().scope().equals("service.hardening")) {
                addAll(unit, SERVICE, k.key(), UnitValues.lines(s.key(), s.value()));
            }
        }
        if (rt.umask().isPresent()) unit.add(SERVICE, "UMask", rt.umask().get());
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
                addAll(unit, section, k.key(), UnitValues.lines(s.key(), s.value()));
            }
        }
    }

    private static void addAll(UnitFile unit, String section, String key, List<String> values) {
        for (String value : values) {
            unit.add(section, key, value);
        }
    }

    private static void commands(UnitFile unit, String key, List<Command> commands) {
        for (Command c : commands) {
            unit.add(SERVICE, key, (c.mayFail() ? "-" : "") + UnitEscaper.execLine(c.argv()));
        }
    }

    private static void credentials(UnitFile unit, String key, Map<String, String> credentials) {
        for (Map.Entry<String, String> e : credentials.entrySet()) {
            unit.add(SERVICE, key, UnitEscaper.expanding(e.getKey() + ":" + e.getValue()));
        }
    }

    /** The escape hatch's lines, last in their section, under a comment that says where they came from. */
    static void raw(UnitFile unit, Map<String, List<List<String>>> raw) {
        for (Map.Entry<String, List<List<String>>> e : raw.entrySet()) {
            String section = e.getKey();
            unit.line(section, "# Escape hatch: raw settings from the spec's `systemd_" + section.toLowerCase(java.util.Locale.ROOT) + "` block.");
            for (List<String> l : e.getValue()) {
                unit.add(section, l.get(0), UnitEscaper.raw(l.get(1)));
            }
        }
    }

    /**
     * The service needs its sockets ({@code Requires=}+{@code After=}, or {@code BindsTo=} when
     * the spec binds to one) and then the dependencies the spec lists, one unit per line.
     */
    private static void dependencies(Spec spec, Service service, UnitFile unit) {
        Set<String> boundSockets = new LinkedHashSet<>();
        for (Dependency d : service.dependencies()) {
            if (d.kind() == Dependency.Kind.BINDS_TO) boundSockets.add(unitName(spec, service, d.target()));
        }
        for (Socket socket : service.sockets()) {
            String key = boundSockets.contains(socket.unitName()) ? "BindsTo" : "Requires";
            unit.add(UNIT, key, socket.unitName());
            unit.add(UNIT, "After", socket.unitName());
        }
        for (Dependency.Kind kind : List.of(Dependency.Kind.REQUIRES, Dependency.Kind.BINDS_TO, Dependency.Kind.WANTS, Dependency.Kind.AFTER, Dependency.Kind.PART_OF)) {
            for (Dependency d : service.dependencies()) {
                if (d.kind() != kind) continue;
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
            for (Service other : spec.services()) {
                if (other.name().equals(s.name())) return other.unitName();
            }
            throw new NoSuchElementException("no service `" + s.name() + "`");
        }
        if (ref instanceof Reference.Socket s) {
            for (Socket socket : service.sockets()) {
                if (socket.label().equals(s.label())) return socket.unitName();
            }
            throw new NoSuchElementException("no socket `" + s.label() + "`");
        }
        if (ref instanceof Reference.Target t) {
            return t.name() + ".target";
        }
        return UnitEscaper.raw(((Reference.Unit) ref).unitName());
    }
}
