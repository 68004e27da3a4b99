package dev.deployc.emit;

import dev.deployc.model.Project;
import dev.deployc.model.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * How a service binary is built: the single source of the Go build flags that build.sh and the
 * Dockerfiles both use. Static by construction (cgo off), reproducible (trimmed paths, no VCS
 * stamping, no wall clock), and stamped with version, commit and date through {@code -X}.
 */
public record GoBuild(String binary, String mainPackage, List<String> tags) {

    public static final String CGO = "CGO_ENABLED=0";
    public static final List<String> FLAGS = List.of("-trimpath", "-buildvcs=false");

    public static GoBuild of(Service service) {
        return new GoBuild(service.runtime().binary(), service.mainPackage(),
                service.image().timezones() ? List.of("timetzdata") : List.of());
    }

    /**
     * The {@code -ldflags} value, with each stamped variable set to the given shell expression
     * (such as {@code ${version}}); the result goes inside double quotes.
     */
    public static String ldflags(Project project, String version, String commit, String date) {
        List<String> parts = new ArrayList<>(List.of("-s", "-w"));
        parts.add("-X '" + ShellEscaper.inDoubleQuotes(project.versionVar()) + "=" + version + "'");
        if (project.commitVar().isPresent()) {
            parts.add("-X '" + ShellEscaper.inDoubleQuotes(project.commitVar().get()) + "=" + commit + "'");
        }
        if (project.dateVar().isPresent()) {
            parts.add("-X '" + ShellEscaper.inDoubleQuotes(project.dateVar().get()) + "=" + date + "'");
        }
        return String.join(" ", parts);
    }

    /** The build command's tag arguments, or empty. */
    public String tagArguments() {
        return tags.isEmpty() ? "" : "-tags " + String.join(",", tags);
    }
}
