package dev.deployc.model;

import java.util.List;

public record Image(String flavour, List<Integer> expose, boolean timezones, List<String> packages) {

    public Image {
        expose = List.copyOf(expose);
        packages = List.copyOf(packages);
    }
}
