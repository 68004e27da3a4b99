package dev.deployc.model;

import dev.deployc.schema.SysctlKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project's kernel settings: what the spec sets, plus what its sockets and limits need.
 * A derived entry only ever raises a kernel default; it never lowers what a host has.
 */
final class KernelSettings {

    private KernelSettings() {}

    static List<KernelSetting> of(Map<String, String> projectWide, List<Service> services) {
        Map<String, KernelSetting> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : projectWide.entrySet()) {
            out.putIfAbsent(e.getKey(), new KernelSetting(e.getKey(), SysctlKeys.normalise(e.getValue()), "set in the spec"));
        }
        for (Service s : services) {
            for (Map.Entry<String, String> e : s.sysctl().entrySet()) {
                out.putIfAbsent(e.getKey(), new KernelSetting(e.getKey(), SysctlKeys.normalise(e.getValue()),
                        "set by service `" + s.name() + "`"));
            }
        }
        long backlog = 0;
        String backlogOwner = "";
        long openFiles = 0;
        String openFilesOwner = "";
        for (Service s : services) {
            for (Socket socket : s.sockets()) {
                for (MappedSetting m : socket.unitSettings()) {
                    if (m.key().name().equals("backlog") && (Long) m.value() > backlog) {
                        backlog = (Long) m.value();
                        backlogOwner = "service `" + s.name() + "`" + (socket.label().isEmpty() ? "" : " socket `" + socket.label() + "`");
                    }
                }
            }
            for (MappedSetting m : s.unitSettings()) {
                if (m.key().path().equals("service.limits.open_files") && m.value() instanceof Long v && v > openFiles) {
                    openFiles = (Long) m.value();
                    openFilesOwner = "service `" + s.name() + "`";
                }
            }
        }
        if (backlog > SysctlKeys.SOMAXCONN_DEFAULT && !out.containsKey("net.core.somaxconn")) {
            out.put("net.core.somaxconn", new KernelSetting("net.core.somaxconn", Long.toString(backlog),
                    backlogOwner + " has backlog " + backlog + "; systemd silently caps Backlog= at this"));
        }
        if (openFiles > SysctlKeys.NR_OPEN_DEFAULT && !out.containsKey("fs.nr_open")) {
            out.put("fs.nr_open", new KernelSetting("fs.nr_open", Long.toString(openFiles),
                    openFilesOwner + " has open_files " + openFiles + "; LimitNOFILE= cannot exceed this"));
        }
        // Each setting is filed under its own key, so the tree map's order is the order by key.
        return new ArrayList<>(new TreeMap<>(out).values());
    }
}
