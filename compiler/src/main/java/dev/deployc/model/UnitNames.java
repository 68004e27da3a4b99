package dev.deployc.model;

/**
 * The naming scheme of generated units. A service is {@code <project>-<service>.service}, or just
 * {@code <project>.service} when both names are the same. Its main socket takes the service's
 * name, so systemd pairs them without {@code Service=}; a named socket is
 * {@code <service-unit>-<label>.socket} and needs {@code Service=}. A service whose socket has
 * {@code accept = true} becomes the template {@code <service-unit>@.service}.
 */
public final class UnitNames {

    private UnitNames() {}

    public static String base(String project, String service) {
        return project.equals(service) ? project : project + "-" + service;
    }

    public static String service(String base, boolean perConnection) {
        return base + (perConnection ? "@" : "") + ".service";
    }

    public static String socket(String base, String label) {
        return base + (label.isEmpty() ? "" : "-" + label) + ".socket";
    }
}
