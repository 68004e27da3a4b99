package dev.deployc.model;

import java.util.List;

/**
 * A checked spec, ready for the emitters. {@code source} is the spec's path as headers show it.
 */
public record Spec(String source, Project project, List<Service> services, List<KernelSetting> kernel) {

    public Spec {
        services = List.copyOf(services);
        kernel = List.copyOf(kernel);
    }
}
