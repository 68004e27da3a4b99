package dev.deployc.model;

import java.util.List;
import java.util.Optional;

public record Project(
        String name, String module, String goVersion, List<String> targets,
        String versionVar, Optional<String> commitVar, Optional<String> dateVar,
        Optional<String> builderDigest, boolean compress) {

    public Project {
        targets = List.copyOf(targets);
    }
}
