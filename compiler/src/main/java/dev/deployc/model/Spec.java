package dev.deployc.model;

import java.util.List;

/**
 * A checked spec, ready for the emitters. {@code source} is the spec's path as headers show it;
 * {@code sourceHash} is a short hash of its canonical form, so formatting never changes output.
 */
public record Spec(String source, String sourceHash, Project project, List<Service> services, List<KernelSetting> kernel) {

    public Spec {
        services = List.copyOf(services);
        kernel = List.copyOf(kernel);
    }
}
