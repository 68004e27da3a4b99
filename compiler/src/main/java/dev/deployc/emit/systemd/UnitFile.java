package dev.deployc.emit.systemd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A unit file being assembled: sections in order, each a list of already-escaped {@code Key=value} lines. */
final class UnitFile {

    private final Map<String, List<String>> sections = new LinkedHashMap<>();

    UnitFile(String... sectionOrder) {
        for (String s : sectionOrder) {
            sections.put(s, new ArrayList<>());
        }
    }

    /** {@code escapedValue} must come from {@link UnitEscaper} or {@link UnitValues}. */
    void add(String section, String key, String escapedValue) {
        line(section, key + "=" + escapedValue);
    }

    void line(String section, String line) {
        List<String> lines = sections.get(section);
        if (lines == null) {
            lines = new ArrayList<>();
            sections.put(section, lines);
        }
        if (!lines.contains(line)) {
            lines.add(line);
        }
    }

    /** The template model: non-empty sections as {@code name} and {@code lines}. */
    List<Map<String, Object>> model() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> section : sections.entrySet()) {
            if (!section.getValue().isEmpty()) {
                out.add(Map.of("name", section.getKey(), "lines", List.copyOf(section.getValue())));
            }
        }
        return out;
    }
}
