package dev.deployc.schema;

import static dev.deployc.schema.Row.key;
import static dev.deployc.schema.ValueType.*;

import java.util.ArrayList;
import java.util.List;

/** The schema rows of a service's `restart`, `limits` and `hardening` blocks. */
final class RuntimeKeys {

    static final List<KeyDef> KEYS = List.of(
            // restart
            key("service.restart", "policy", ENUM)
                    .choices("no", "on-success", "on-failure", "on-abnormal", "on-watchdog", "on-abort", "always")
                    .byDefault("on-failure").unit("Service", "Restart").doc("When to restart; `no` by default for `type = oneshot`.")
                    .example("policy = on-failure"),
            key("service.restart", "delay", DURATION).min(0).unit("Service", "RestartSec")
                    .doc("The pause before a restart.").example("delay = 5s"),
            key("service.restart", "burst", INTEGER).min(1).max(10000).unit("Unit", "StartLimitBurst")
                    .doc("How many starts are allowed `within` the interval.").example("burst = 5"),
            key("service.restart", "within", DURATION).min(0).unit("Unit", "StartLimitIntervalSec")
                    .doc("The interval `burst` counts starts in.").example("within = 60s"),
            // limits
            key("service.limits", "memory", SIZE).min(1).unit("Service", "MemoryMax")
                    .doc("Hard memory limit; the OOM killer acts above it.").example("memory = 512MiB"),
            key("service.limits", "memory_high", SIZE).min(1).unit("Service", "MemoryHigh")
                    .doc("Memory throttling threshold; at most `memory`.").example("memory_high = 384MiB"),
            key("service.limits", "memory_low", SIZE).min(0).unit("Service", "MemoryLow")
                    .doc("Memory protected from reclaim; at most `memory_high`.").example("memory_low = 128MiB"),
            key("service.limits", "memory_swap", SIZE).min(0).unit("Service", "MemorySwapMax")
                    .doc("Swap the service may use.").example("memory_swap = 0B"),
            key("service.limits", "cpu", PERCENT).min(1).max(100000).unit("Service", "CPUQuota")
                    .doc("CPU time per wall-clock time; above 100% spans several CPUs.").example("cpu = 150%"),
            key("service.limits", "cpu_weight", INTEGER).min(1).max(10000).unit("Service", "CPUWeight")
                    .doc("Relative CPU share (default 100).").example("cpu_weight = 200"),
            key("service.limits", "io_weight", INTEGER).min(1).max(10000).unit("Service", "IOWeight")
                    .doc("Relative block-IO share (default 100).").example("io_weight = 50"),
            key("service.limits", "tasks", LIMIT).min(1).max(4194304).unit("Service", "TasksMax")
                    .doc("Most threads and processes at once.").example("tasks = 256"),
            key("service.limits", "open_files", LIMIT).min(1).max(1073741816).unit("Service", "LimitNOFILE")
                    .doc("Most open file descriptors.").example("open_files = 65536"),
            key("service.limits", "oom_score_adjust", INTEGER).min(-1000).max(1000).unit("Service", "OOMScoreAdjust")
                    .doc("How eagerly the kernel's OOM killer picks this service.").example("oom_score_adjust = -500"),
            key("service.limits", "processes", LIMIT).min(1).max(4194304).unit("Service", "LimitNPROC")
                    .doc("Most processes of the service's user (counted per user, not per unit; not enforced for root).")
                    .example("processes = 512"),
            key("service.limits", "core_size", SIZE_LIMIT).min(0).unit("Service", "LimitCORE")
                    .doc("Largest core dump; `0B` disables them.").example("core_size = infinity"),
            key("service.limits", "locked_memory", SIZE_LIMIT).min(0).unit("Service", "LimitMEMLOCK")
                    .doc("Most memory the service may lock (mlock).").example("locked_memory = 64MiB"),
            // hardening: every switch is on unless the spec turns it off
            harden("no_new_privileges", "NoNewPrivileges=yes"),
            harden("private_tmp", "PrivateTmp=yes"),
            harden("private_devices", "PrivateDevices=yes", "DevicePolicy=closed"),
            harden("private_users", "PrivateUsers=yes"),
            graded("protect_system", "How much of the file system is read-only: `strict` all but /dev, /proc, /sys and "
                    + "the writable paths; `full` /usr, /boot and /etc; `yes` /usr and /boot; `no` nothing. `true` = `strict`.",
                    "strict", "ProtectSystem=strict", "full", "ProtectSystem=full", "yes", "ProtectSystem=yes", "no", ""),
            graded("protect_home", "/home, /root and /run/user: `yes` hidden, `read-only`, `tmpfs` (empty), `no`. `true` = `yes`.",
                    "yes", "ProtectHome=yes", "read-only", "ProtectHome=read-only", "tmpfs", "ProtectHome=tmpfs", "no", ""),
            harden("protect_clock", "ProtectClock=yes"),
            harden("protect_hostname", "ProtectHostname=yes"),
            harden("protect_kernel", "ProtectKernelTunables=yes", "ProtectKernelModules=yes", "ProtectKernelLogs=yes"),
            harden("protect_control_groups", "ProtectControlGroups=yes"),
            graded("protect_proc", "Other users' processes in /proc: `invisible`, `noaccess`, `ptraceable` or `default` (all "
                    + "visible). `true` = `invisible`. Harmless to most daemons. Separate from `proc_subset` (before, `false` dropped both).",
                    "invisible", "ProtectProc=invisible", "noaccess", "ProtectProc=noaccess", "ptraceable", "ProtectProc=ptraceable",
                    "default", ""),
            graded("proc_subset", "Which of /proc the service sees: `pid` only process directories, `all` everything. `true` = `pid`. "
                    + "Metrics exporters that read /proc/meminfo, /proc/stat and the like need `all`.",
                    "pid", "ProcSubset=pid", "all", ""),
            harden("restrict_address_families", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX"),
            harden("restrict_namespaces", "RestrictNamespaces=yes"),
            harden("restrict_realtime", "RestrictRealtime=yes"),
            harden("restrict_suid_sgid", "RestrictSUIDSGID=yes"),
            harden("lock_personality", "LockPersonality=yes"),
            harden("memory_deny_write_execute", "MemoryDenyWriteExecute=yes"),
            harden("system_call_filter", "SystemCallArchitectures=native", "SystemCallFilter=@system-service",
                    "SystemCallFilter=~@privileged @resources", "SystemCallErrorNumber=EPERM"),
            harden("remove_ipc", "RemoveIPC=yes"),
            key("service.hardening", "umask", UMASK).byDefault("true").custom("UMask=0077, or the mask given")
                    .doc("The file-creation mask: `true` writes 0077 (files private to the service), `false` leaves systemd's 0022, "
                            + "a quoted octal mask is written as given.")
                    .example("umask = \"0027\""),
            key("service.hardening", "extra_address_families", ADDRESS_FAMILIES).custom("added to RestrictAddressFamilies=")
                    .doc("Address families allowed on top of AF_INET, AF_INET6 and AF_UNIX (Go's net.Interfaces needs AF_NETLINK).")
                    .example("extra_address_families = [\"AF_NETLINK\"]"),
            key("service.hardening", "system_calls_allow", SYSCALL_SETS).custom("removed from the SystemCallFilter=~ deny line, or added to the allow line")
                    .doc("System call groups or calls to allow beyond @system-service; SystemCallArchitectures=native stays.")
                    .example("system_calls_allow = [\"@resources\"]"),
            key("service.hardening", "system_calls_deny", SYSCALL_SETS).custom("added to the SystemCallFilter=~ deny line")
                    .doc("System call groups or calls to deny on top of @privileged and @resources.")
                    .example("system_calls_deny = [\"@mount\"]"),
            key("service.hardening", "device_allow", DEVICES).unit("Service", "DeviceAllow")
                    .doc("Devices the service may use despite `private_devices` (with DevicePolicy=closed).")
                    .example("device_allow = [\"/dev/fuse rw\"]"),
            key("service.hardening", "private_mounts", BOOL).unit("Service", "PrivateMounts")
                    .doc("Give the service its own mount namespace, so its mounts do not reach the host.").example("private_mounts = true"),
            key("service.hardening", "private_ipc", BOOL).unit("Service", "PrivateIPC")
                    .doc("Give the service its own System V IPC and POSIX message queues.").example("private_ipc = true"));

    private static KeyDef harden(String name, String... lines) {
        return key("service.hardening", name, BOOL).byDefault("true")
                .profile(List.of(lines))
                .doc("Writes `" + String.join("`, `", lines) + "` unless set to `false`.")
                .example(name + " = false");
    }

    /** A sandbox level: {@code true} means the first (strictest) choice, {@code false} the last. */
    private static KeyDef graded(String name, String doc, String... choiceAndLine) {
        java.util.LinkedHashMap<String, List<String>> lines = new java.util.LinkedHashMap<>();
        for (int i = 0; i < choiceAndLine.length; i += 2) {
            lines.put(choiceAndLine[i], choiceAndLine[i + 1].isEmpty() ? List.of() : List.of(choiceAndLine[i + 1]));
        }
        String strictest = choiceAndLine[0];
        List<String> choices = new ArrayList<>(lines.keySet());
        lines.put("true", lines.get(strictest));
        lines.put("false", List.of());
        choices.add("true");
        choices.add("false");
        Row row = key("service.hardening", name, ENUM).choices(choices.toArray(new String[0])).byDefault(strictest).doc(doc);
        row.graded(new UnitMapping.Graded("Service", java.util.Collections.unmodifiableMap(lines)));
        return row.example(name + " = " + choices.get(1));
    }

    private RuntimeKeys() {}
}
