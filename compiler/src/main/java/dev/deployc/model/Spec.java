package dev.deployc.model;

import java.util.List;
import java.util.Map;

/** A checked spec, ready for the emitters. {@code source} is the spec's path as headers show it. */
public record Spec(String source, Project project, List<Service> services, Map<String, String> sysctl) {

    public Spec {
        services = List.copyOf(services);
        sysctl = Map.copyOf(sysctl);
    }
}
