package dev.deployc.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * systemd 252's unit directives by section (the committed table {@code systemd-directives.tsv}),
 * and which typed key owns each directive deployc writes itself, read from the schema rows.
 */
public final class Directives {

    public static final String TABLE = "systemd-directives.tsv";
    /** The escape-hatch blocks and the unit section each one writes. */
    public static final Map<String, String> HATCH_SECTIONS = Map.of(
            "systemd_unit", "Unit", "systemd_service", "Service", "systemd_install", "Install", "systemd_socket", "Socket");

    /** Read on first use: only specs with an escape-hatch block need the table (11 ms of a cold run). */
    private static final class Table {
        static final Map<String, Set<String>> BY_SECTION = load();
    }
    private static final Pattern UNIT_KEY = Pattern.compile("\\b([A-Z][A-Za-z]+)=");

    private Directives() {}

    public static Set<String> section(String section) {
        return Table.BY_SECTION.getOrDefault(section, Set.of());
    }

    /** The typed key that writes {@code directive} in {@code section}, if one does. */
    public static Optional<String> owner(String section, String directive) {
        return Optional.ofNullable(owners().get(section + "\u0000" + directive));
    }

    private static Map<String, String> owners;

    private static synchronized Map<String, String> owners() {
        if (owners != null) return owners;
        Map<String, String> out = new LinkedHashMap<>();
        for (KeyDef k : Schema.keys()) {
            String section = k.scope().startsWith("service.socket") ? "Socket" : "Service";
            String name = k.path().substring("service.".length());
            if (k.unit() instanceof UnitMapping.Key key) {
                out.putIfAbsent(key.section() + "\u0000" + key.key(), name);
            } else if (k.unit() instanceof UnitMapping.Profile p) {
                p.lines().forEach(l -> out.putIfAbsent(section + "\u0000" + l.substring(0, l.indexOf('=')), name));
            } else if (k.unit() instanceof UnitMapping.Graded g) {
                g.lines().values().forEach(ls -> ls.forEach(l -> out.putIfAbsent(section + "\u0000" + l.substring(0, l.indexOf('=')), name)));
            } else if (k.unit() instanceof UnitMapping.Custom c) {
                Matcher m = UNIT_KEY.matcher(c.description());
                while (m.find()) {
                    String key = m.group(1);
                    for (String s : List.of("Unit", "Service", "Socket", "Install")) {
                        if (section(s).contains(key) && !(s.equals("Socket") && section.equals("Service"))) {
                            out.putIfAbsent(s + "\u0000" + key, name);
                        }
                    }
                }
            }
        }
        // Lines every unit gets from the compiler itself, not from one key.
        out.putIfAbsent("Unit\u0000Description", "description");
        out.putIfAbsent("Install\u0000WantedBy", "install");
        out.putIfAbsent("Socket\u0000ListenStream", "socket.listen");
        out.putIfAbsent("Socket\u0000ListenDatagram", "socket.listen");
        out.putIfAbsent("Socket\u0000Accept", "socket.accept");
        out.putIfAbsent("Socket\u0000FileDescriptorName", "socket");
        out.putIfAbsent("Socket\u0000Service", "socket");
        out.putIfAbsent("Unit\u0000Requires", "requires");
        out.putIfAbsent("Service\u0000Environment", "env");
        out.putIfAbsent("Service\u0000LoadCredential", "credentials");
        out.putIfAbsent("Service\u0000LoadCredentialEncrypted", "encrypted_credentials");
        out.putIfAbsent("Service\u0000UMask", "hardening.umask");
        owners = Map.copyOf(out);
        return owners;
    }

    private static Map<String, Set<String>> load() {
        Map<String, Set<String>> out = new TreeMap<>();
        try (InputStream in = Directives.class.getResourceAsStream(TABLE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split("\t");
                out.computeIfAbsent(parts[0], s -> new TreeSet<>()).add(parts[1]);
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the directive table " + TABLE + " is missing from the build", e);
        }
        Map<String, Set<String>> frozen = new TreeMap<>();
        out.forEach((k, v) -> frozen.put(k, java.util.Collections.unmodifiableSet(v)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    /** Every section's directives, for messages that list where a key does belong. */
    public static List<String> sectionsOf(String directive) {
        List<String> out = new ArrayList<>();
        Table.BY_SECTION.forEach((s, keys) -> {
            if (keys.contains(directive)) out.add(s);
        });
        return out;
    }
}
