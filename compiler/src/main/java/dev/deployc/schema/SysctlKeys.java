package dev.deployc.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel settings a spec may set, one row each: the value's shape and range. A value is one
 * integer, or {@code fields} integers separated by spaces (such as {@code ip_local_port_range}).
 */
public final class SysctlKeys {

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    public record Key(String name, int fields, long min, long max, long kernelDefault, String doc) {}

    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final long LONG_MAX = Long.MAX_VALUE;

    /** somaxconn's default since Linux 5.4; deployc only raises it, never lowers it. */
    public static final long SOMAXCONN_DEFAULT = 4096;
    /** fs.nr_open's default: the most file descriptors LimitNOFILE= can grant. */
    public static final long NR_OPEN_DEFAULT = 1_048_576;

    private static final List<Key> KEYS = List.of(
            key("net.core.somaxconn", 1, 1, INT_MAX, SOMAXCONN_DEFAULT, "Longest accept queue; systemd's Backlog= is capped at it."),
            key("net.core.netdev_max_backlog", 1, 1, INT_MAX, 1000, "Packets queued per CPU before the stack takes them."),
            key("net.core.rmem_max", 1, 1, INT_MAX, 212992, "Largest socket receive buffer an application may ask for."),
            key("net.core.wmem_max", 1, 1, INT_MAX, 212992, "Largest socket send buffer an application may ask for."),
            key("net.core.rmem_default", 1, 1, INT_MAX, 212992, "Default socket receive buffer."),
            key("net.core.wmem_default", 1, 1, INT_MAX, 212992, "Default socket send buffer."),
            key("net.ipv4.tcp_max_syn_backlog", 1, 1, INT_MAX, 1024, "Half-open connections remembered."),
            key("net.ipv4.ip_local_port_range", 2, 1, 65535, 0, "First and last ephemeral port."),
            key("net.ipv4.tcp_fin_timeout", 1, 1, INT_MAX, 60, "Seconds an orphaned connection stays in FIN-WAIT-2."),
            key("net.ipv4.tcp_tw_reuse", 1, 0, 2, 2, "Reuse TIME-WAIT sockets for new outgoing connections."),
            key("net.ipv4.tcp_keepalive_time", 1, 1, INT_MAX, 7200, "Idle seconds before TCP keepalive probes."),
            key("net.ipv4.tcp_keepalive_intvl", 1, 1, INT_MAX, 75, "Seconds between keepalive probes."),
            key("net.ipv4.tcp_keepalive_probes", 1, 1, INT_MAX, 9, "Unanswered probes before the connection drops."),
            key("net.ipv4.tcp_slow_start_after_idle", 1, 0, 1, 1, "Restart slow start after an idle period."),
            key("net.ipv4.tcp_syncookies", 1, 0, 2, 1, "SYN cookies when the SYN queue overflows."),
            key("net.ipv4.tcp_rmem", 3, 1, INT_MAX, 0, "Minimum, default and maximum TCP receive buffer."),
            key("net.ipv4.tcp_wmem", 3, 1, INT_MAX, 0, "Minimum, default and maximum TCP send buffer."),
            key("net.ipv4.ip_forward", 1, 0, 1, 0, "Forward IPv4 packets between interfaces."),
            key("fs.file-max", 1, 1, LONG_MAX, 0, "Most open files system-wide."),
            key("fs.nr_open", 1, 1024, 1073741816, NR_OPEN_DEFAULT, "Most open files per process; LimitNOFILE= cannot exceed it."),
            key("fs.inotify.max_user_watches", 1, 1, INT_MAX, 8192, "inotify watches per user."),
            key("fs.inotify.max_user_instances", 1, 1, INT_MAX, 128, "inotify instances per user."),
            key("vm.swappiness", 1, 0, 200, 60, "How eagerly the kernel swaps."),
            key("vm.max_map_count", 1, 1, INT_MAX, 65530, "Memory map areas per process."),
            key("vm.overcommit_memory", 1, 0, 2, 0, "Memory overcommit policy."),
            key("vm.dirty_ratio", 1, 0, 100, 20, "Percent of memory dirty before writers block."),
            key("vm.dirty_background_ratio", 1, 0, 100, 10, "Percent of memory dirty before background writeback."),
            key("kernel.pid_max", 1, 301, 4194304, 32768, "Largest process id."),
            key("kernel.threads-max", 1, 20, 1073741823, 0, "Most threads system-wide."));

    private static final Map<String, Key> BY_NAME = byName();

    private static Map<String, Key> byName() {
        Map<String, Key> out = new HashMap<>();
        for (Key k : KEYS) {
            if (out.put(k.name(), k) != null) throw new IllegalStateException("Duplicate key " + k.name());
        }
        return out;
    }

    private SysctlKeys() {}

    public static List<Key> all() {
        return KEYS;
    }

    /** A value as the kernel reads it: fields separated by single spaces. */
    public static String normalise(String value) {
        return SPACES.matcher(value.trim()).replaceAll(" ");
    }

    public static Optional<Key> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static Key key(String name, int fields, long min, long max, long kernelDefault, String doc) {
        return new Key(name, fields, min, max, kernelDefault, doc);
    }
}
