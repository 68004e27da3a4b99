package dev.deployc.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service. {@code unitSettings} holds, in table order, every key whose row maps it straight
 * into the unit; the rest are fields because emitters need logic for them.
 */
public record Service(
        String name,
        String unitName,
        String description,
        String mainPackage,
        List<String> argv,
        Optional<String> user,
        Optional<String> group,
        Map<String, String> environment,
        List<Socket> sockets,
        List<Dependency> dependencies,
        List<Integer> ports,
        List<String> capabilities,
        List<String> writablePaths,
        Optional<Health> health,
        Image image,
        Optional<Canary> canary,
        Map<String, String> sysctl,
        List<MappedSetting> unitSettings,
        Runtime runtime) {

    public Service {
        argv = List.copyOf(argv);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        sockets = List.copyOf(sockets);
        dependencies = List.copyOf(dependencies);
        ports = List.copyOf(ports);
        capabilities = List.copyOf(capabilities);
        writablePaths = List.copyOf(writablePaths);
        sysctl = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sysctl));
        unitSettings = List.copyOf(unitSettings);
    }

    /** A socket with {@code accept = true} makes this a template: one instance per connection. */
    public boolean perConnection() {
        for (Socket s : sockets) {
            if (s.accept()) return true;
        }
        return false;
    }
}
