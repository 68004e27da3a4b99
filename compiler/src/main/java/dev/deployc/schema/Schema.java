package dev.deployc.schema;

import static dev.deployc.schema.ValueType.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole language as data: every block and every key is one row. Checks, "did you mean", the
 * unit emitter's mappings and the language reference all read this table.
 */
public final class Schema {

    private static final List<BlockDef> BLOCKS = List.of(
            block("", "project", BlockDef.Label.REQUIRED, false, true,
                    "The project: its name, Go module and build matrix. Exactly one per spec.",
                    "project \"orders\" { … }"),
            block("", "service", BlockDef.Label.REQUIRED, true, true,
                    "A long-running program: one systemd `.service` unit per block.",
                    "service \"api\" { … }"),
            open("", "sysctl", SYSCTL_VALUE,
                    "Kernel settings the project needs, by their sysctl name.",
                    "sysctl { net.core.somaxconn = 4096 }"),
            open("service", "env", STRING,
                    "Environment variables of the service, written as `Environment=\"NAME=value\"`.",
                    "env { LOG_LEVEL = \"info\" }"),
            open("service", "sysctl", SYSCTL_VALUE,
                    "Kernel settings this service needs.",
                    "sysctl { net.ipv4.tcp_fin_timeout = 15 }"),
            block("service", "restart", BlockDef.Label.NONE, false, false,
                    "When systemd restarts the service, and how often it may.",
                    "restart { policy = on-failure  delay = 5s  burst = 5  within = 60s }"),
            block("service", "limits", BlockDef.Label.NONE, false, false,
                    "Resource limits, enforced by cgroup v2.",
                    "limits { memory = 512MiB  cpu = 150% }"),
            block("service", "hardening", BlockDef.Label.NONE, false, false,
                    "Opt-outs from the sandbox every service gets. All switches default to `true`.",
                    "hardening { memory_deny_write_execute = false }"),
            block("service", "socket", BlockDef.Label.OPTIONAL, true, false,
                    "A listening socket systemd opens and passes to the service (socket activation). "
                            + "Without a label it is the service's main socket, unit `<project>-<service>.socket`; "
                            + "with one, unit `<project>-<service>-<label>.socket`.",
                    "socket \"http\" { listen = 8080  backlog = 4096 }"),
            block("service", "health", BlockDef.Label.NONE, false, false,
                    "How to tell the service is healthy: exactly one of `http`, `tcp` or `command`.",
                    "health { http = \"http://127.0.0.1:8080/healthz\" }"),
            block("service", "image", BlockDef.Label.NONE, false, false,
                    "Container image settings for this service.",
                    "image { flavour = distroless  expose = [8080] }"),
            block("service", "canary", BlockDef.Label.NONE, false, false,
                    "How a new release rolls over the hosts: ordered steps, gates and rollback.",
                    "canary { hosts = [\"web-1\", \"web-2\"]  step { weight = 50% }  step { weight = 100% } }"),
            block("service.canary", "step", BlockDef.Label.NONE, true, false,
                    "One rollout step; it does exactly one thing: `weight`, `bake`, `approve`, or one or more `check` blocks.",
                    "step { weight = 5% }"),
            block("service.canary.step", "check", BlockDef.Label.REQUIRED, true, false,
                    "A gate: an HTTP probe (`http`) or a Prometheus query (`query`) that must hold.",
                    "check \"errors\" { query = \"…\"  max = 0.01  no_data = pause }"));

    private static final List<KeyDef> KEYS = List.of(
            // project
            key("project", "module", MODULE).required().doc("The Go module path, as in `go.mod`.")
                    .example("module = \"example.com/orders\""),
            key("project", "go", GO_VERSION).required().doc("The Go release the project builds with.")
                    .example("go = \"1.22\""),
            key("project", "targets", TARGETS).byDefault("[\"linux/amd64\"]")
                    .doc("The GOOS/GOARCH pairs to build.").example("targets = [\"linux/amd64\", \"linux/arm64\"]"),
            key("project", "version_var", GO_SYMBOL).required()
                    .doc("The string variable that receives the version through `-X`.")
                    .example("version_var = \"example.com/orders/internal/version.Version\""),
            key("project", "commit_var", GO_SYMBOL).doc("The variable that receives the commit hash.")
                    .example("commit_var = \"example.com/orders/internal/version.Commit\""),
            key("project", "date_var", GO_SYMBOL).doc("The variable that receives the commit date.")
                    .example("date_var = \"example.com/orders/internal/version.Date\""),
            key("project", "builder_digest", DIGEST)
                    .doc("Pins the `golang:<go>` builder image of the Dockerfiles to this digest.")
                    .example("builder_digest = \"sha256:4f0e…\""),
            key("project", "compress", BOOL).byDefault("false")
                    .doc("Compress Linux binaries with UPX in build.sh (never darwin). Costs memory and start-up time.")
                    .example("compress = true"),
            // service
            key("service", "description", TEXT).byDefault("\"<service> (<project>)\"").custom("Description=")
                    .doc("A one-line description.").example("description = \"Orders HTTP API\""),
            key("service", "main", GO_PACKAGE).byDefault("\"./cmd/<service>\"")
                    .doc("The main package to build.").example("main = \"./cmd/api\""),
            key("service", "exec", ARGV).byDefault("[\"/opt/<project>/<service>/current/bin/<service>\"]")
                    .custom("ExecStart=, quoted word by word")
                    .doc("The command line as a list: absolute program path, then arguments.")
                    .example("exec = [\"/opt/orders/api/current/bin/api\", \"--config\", \"/etc/orders/api.yaml\"]"),
            key("service", "user", USER).custom("User=; without it DynamicUser=yes")
                    .doc("The user the service runs as. Without it systemd allocates a dynamic user.")
                    .example("user = \"orders\""),
            key("service", "group", USER).custom("Group=, after User=").doc("The group the service runs as.")
                    .example("group = \"orders\""),
            key("service", "workdir", PATH).unit("Service", "WorkingDirectory")
                    .doc("The working directory.").example("workdir = \"/var/lib/orders\""),
            key("service", "type", ENUM).choices("simple", "exec", "notify", "oneshot", "forking").byDefault("exec")
                    .unit("Service", "Type").doc("How systemd tells the service has started.").example("type = notify"),
            key("service", "start_timeout", DURATION).min(0).unit("Service", "TimeoutStartSec")
                    .doc("How long start-up may take.").example("start_timeout = 30s"),
            key("service", "stop_timeout", DURATION).min(0).unit("Service", "TimeoutStopSec")
                    .doc("How long a graceful stop may take before SIGKILL.").example("stop_timeout = 20s"),
            key("service", "kill_mode", ENUM).choices("control-group", "mixed", "process")
                    .unit("Service", "KillMode").doc("Which processes are signalled on stop.").example("kill_mode = mixed"),
            key("service", "watchdog", DURATION).min(0).unit("Service", "WatchdogSec")
                    .doc("The service must ping the watchdog this often (needs `type = notify`).").example("watchdog = 30s"),
            key("service", "after", REFERENCES).custom("After=")
                    .doc("Start after these units.").example("after = [service.db, target.network-online]"),
            key("service", "wants", REFERENCES).custom("Wants=")
                    .doc("Start these units too.").example("wants = [service.cache]"),
            key("service", "requires", REFERENCES).custom("Requires=")
                    .doc("Fail when these units fail to start.").example("requires = [service.db]"),
            key("service", "binds_to", REFERENCES).custom("BindsTo=")
                    .doc("Stop when these units stop.").example("binds_to = [socket.http]"),
            key("service", "ports", PORTS)
                    .doc("Ports the program binds itself, without socket activation.").example("ports = [9100]"),
            key("service", "capabilities", CAPABILITIES).custom("CapabilityBoundingSet= and AmbientCapabilities=")
                    .doc("Capabilities the service keeps; none by default.")
                    .example("capabilities = [\"CAP_NET_BIND_SERVICE\"]"),
            key("service", "state_directory", NAME).unit("Service", "StateDirectory")
                    .doc("A writable directory under /var/lib that systemd creates for the service.")
                    .example("state_directory = \"orders\""),
            key("service", "writable_paths", PATHS).custom("ReadWritePaths=")
                    .doc("Paths the service may write despite the read-only file system.")
                    .example("writable_paths = [\"/var/cache/orders\"]"),
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
            key("service.limits", "tasks", INTEGER).min(1).max(4194304).unit("Service", "TasksMax")
                    .doc("Most threads and processes at once.").example("tasks = 256"),
            key("service.limits", "open_files", INTEGER).min(1).max(1073741816).unit("Service", "LimitNOFILE")
                    .doc("Most open file descriptors.").example("open_files = 65536"),
            key("service.limits", "oom_score_adjust", INTEGER).min(-1000).max(1000).unit("Service", "OOMScoreAdjust")
                    .doc("How eagerly the kernel's OOM killer picks this service.").example("oom_score_adjust = -500"),
            // hardening: every switch is on unless the spec turns it off
            harden("no_new_privileges", "NoNewPrivileges=yes"),
            harden("private_tmp", "PrivateTmp=yes"),
            harden("private_devices", "PrivateDevices=yes", "DevicePolicy=closed"),
            harden("private_users", "PrivateUsers=yes"),
            harden("protect_system", "ProtectSystem=strict"),
            harden("protect_home", "ProtectHome=yes"),
            harden("protect_clock", "ProtectClock=yes"),
            harden("protect_hostname", "ProtectHostname=yes"),
            harden("protect_kernel", "ProtectKernelTunables=yes", "ProtectKernelModules=yes", "ProtectKernelLogs=yes"),
            harden("protect_control_groups", "ProtectControlGroups=yes"),
            harden("protect_proc", "ProtectProc=invisible", "ProcSubset=pid"),
            harden("restrict_address_families", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX"),
            harden("restrict_namespaces", "RestrictNamespaces=yes"),
            harden("restrict_realtime", "RestrictRealtime=yes"),
            harden("restrict_suid_sgid", "RestrictSUIDSGID=yes"),
            harden("lock_personality", "LockPersonality=yes"),
            harden("memory_deny_write_execute", "MemoryDenyWriteExecute=yes"),
            harden("system_call_filter", "SystemCallArchitectures=native", "SystemCallFilter=@system-service",
                    "SystemCallFilter=~@privileged @resources", "SystemCallErrorNumber=EPERM"),
            harden("remove_ipc", "RemoveIPC=yes"),
            harden("umask", "UMask=0077"),
            // socket
            key("service.socket", "listen", LISTEN).required().custom("ListenStream= or ListenDatagram=, one per address")
                    .doc("Where to listen. Host names are rejected, as systemd does.")
                    .example("listen = [8080, \"[::1]:8081\"]"),
            key("service.socket", "type", ENUM).choices("stream", "datagram").byDefault("stream")
                    .custom("chooses ListenStream= or ListenDatagram=").doc("TCP-style stream or UDP-style datagram.")
                    .example("type = datagram"),
            key("service.socket", "backlog", INTEGER).min(1).max(2147483647).unit("Socket", "Backlog")
                    .doc("Queue length of pending connections; capped by `net.core.somaxconn`.").example("backlog = 4096"),
            key("service.socket", "accept", BOOL).byDefault("false").custom("Accept=yes makes the service a template")
                    .doc("One service instance per connection (inetd style).").example("accept = true"),
            key("service.socket", "reuse_port", BOOL).unit("Socket", "ReusePort")
                    .doc("Set SO_REUSEPORT.").example("reuse_port = true"),
            key("service.socket", "socket_mode", ENUM).choices("0600", "0660", "0666").unit("Socket", "SocketMode")
                    .doc("File mode of a unix socket.").example("socket_mode = \"0660\""),
            // health
            key("service.health", "http", URL).doc("Healthy when this URL answers 2xx.")
                    .example("http = \"http://127.0.0.1:8080/healthz\""),
            key("service.health", "tcp", PORT).doc("Healthy when this local port accepts a connection.")
                    .example("tcp = 8080"),
            key("service.health", "command", ARGV).doc("Healthy when this command exits 0.")
                    .example("command = [\"/opt/orders/api/current/bin/api\", \"healthcheck\"]"),
            key("service.health", "interval", DURATION).min(1).byDefault("10s").doc("Time between probes.")
                    .example("interval = 10s"),
            key("service.health", "timeout", DURATION).min(1).byDefault("2s").doc("How long one probe may take.")
                    .example("timeout = 2s"),
            key("service.health", "retries", INTEGER).min(1).max(100).byDefault("3")
                    .doc("Failed probes in a row before unhealthy.").example("retries = 3"),
            key("service.health", "start_period", DURATION).min(0).byDefault("0s")
                    .doc("Grace period after start during which failures do not count.").example("start_period = 30s"),
            // image
            key("service.image", "flavour", ENUM).choices("distroless", "scratch", "alpine").byDefault("distroless")
                    .doc("The final image's base.").example("flavour = scratch"),
            key("service.image", "expose", PORTS).doc("Ports to EXPOSE besides the service's sockets.")
                    .example("expose = [9100]"),
            key("service.image", "timezones", BOOL).byDefault("false")
                    .doc("Embed time-zone data in the binary (`-tags timetzdata`).").example("timezones = true"),
            key("service.image", "packages", STRINGS).doc("Pinned alpine packages, `name=version`.")
                    .example("packages = [\"busybox=1.36.1-r29\"]"),
            // canary
            key("service.canary", "hosts", STRINGS).doc("The hosts to roll over, in order.")
                    .example("hosts = [\"web-1\", \"web-2\", \"web-3\"]"),
            key("service.canary", "inventory", STRING)
                    .doc("A file, relative to the spec, listing the hosts one per line (`#` starts a comment); read at compile time.")
                    .example("inventory = \"hosts/prod.txt\""),
            key("service.canary", "parallel", INTEGER).min(1).max(1000).byDefault("1")
                    .doc("Hosts switched at once within a wave.").example("parallel = 2"),
            key("service.canary", "on_failure", ENUM).choices("rollback", "pause").byDefault("rollback")
                    .doc("What a failed step does.").example("on_failure = rollback"),
            key("service.canary", "healthy_for", DURATION).min(1).byDefault("10s")
                    .doc("How long a switched host must stay healthy (unit active, health probe passing) before its wave is done.")
                    .example("healthy_for = 30s"),
            key("service.canary", "healthy_deadline", DURATION).min(1).byDefault("5m")
                    .doc("How long a switched host may take to become healthy; bake and approval time never count.")
                    .example("healthy_deadline = 5m"),
            key("service.canary", "emit", ENUM).choices("script", "playbook", "both").byDefault("script")
                    .doc("How the rollout is generated: `rollout-<service>.sh` (`script`), an Ansible playbook in "
                            + "`<project>/ansible/` that real Ansible runs (`playbook`), or `both`, from the same plan. "
                            + "See docs/rollout.md for when to use which.")
                    .example("emit = both"),
            key("service.canary", "prometheus", URL).doc("The Prometheus server the `query` checks ask.")
                    .example("prometheus = \"http://127.0.0.1:9090\""),
            key("service.canary.step", "weight", WEIGHT).doc("Move this share of hosts to the new release.")
                    .example("weight = 25%"),
            key("service.canary.step", "bake", DURATION).min(1).doc("Wait this long while health and checks keep running.")
                    .example("bake = 10m"),
            key("service.canary.step", "approve", TEXT).doc("Stop until a person resumes the rollout; the message says what to look at.")
                    .example("approve = \"Check the error dashboard\""),
            key("service.canary.step.check", "http", URL).doc("Passes when this URL answers 2xx.")
                    .example("http = \"http://127.0.0.1:8080/readyz\""),
            key("service.canary.step.check", "query", STRING).doc("A Prometheus query whose result must stay within `min`/`max`.")
                    .example("query = \"sum(rate(http_errors_total[1m]))\""),
            key("service.canary.step.check", "min", NUMBER).doc("Lowest passing value.").example("min = 0.95"),
            key("service.canary.step.check", "max", NUMBER).doc("Highest passing value.").example("max = 0.01"),
            key("service.canary.step.check", "interval", DURATION).min(1).byDefault("1m").doc("Time between measurements.")
                    .example("interval = 30s"),
            key("service.canary.step.check", "count", INTEGER).min(1).max(10000).byDefault("1")
                    .doc("How many measurements the gate takes.").example("count = 5"),
            key("service.canary.step.check", "failures", INTEGER).min(0).max(10000).byDefault("0")
                    .doc("How many measurements may fail; fewer than `count`.").example("failures = 1"),
            key("service.canary.step.check", "no_data", ENUM).choices("fail", "pass", "pause")
                    .doc("What an empty query result means; required for `query`.").example("no_data = pause"));

    private static final Map<String, BlockDef> BLOCKS_BY_PATH = new LinkedHashMap<>();
    private static final Map<String, List<KeyDef>> KEYS_BY_SCOPE = new LinkedHashMap<>();

    static {
        BLOCKS.forEach(b -> BLOCKS_BY_PATH.put(b.path(), b));
        KEYS.forEach(k -> KEYS_BY_SCOPE.computeIfAbsent(k.scope(), s -> new ArrayList<>()).add(k));
    }

    private Schema() {}

    public static List<BlockDef> blocks() {
        return BLOCKS;
    }

    public static List<KeyDef> keys() {
        return KEYS;
    }

    public static Optional<BlockDef> block(String path) {
        return Optional.ofNullable(BLOCKS_BY_PATH.get(path));
    }

    public static List<BlockDef> childBlocks(String scope) {
        return BLOCKS.stream().filter(b -> b.parent().equals(scope)).toList();
    }

    public static List<KeyDef> keys(String scope) {
        return KEYS_BY_SCOPE.getOrDefault(scope, List.of());
    }

    public static Optional<KeyDef> key(String scope, String name) {
        return keys(scope).stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public static KeyDef keyAt(String path) {
        int dot = path.lastIndexOf('.');
        return key(path.substring(0, dot), path.substring(dot + 1))
                .orElseThrow(() -> new IllegalArgumentException("no key " + path));
    }

    // ---- the row builders --------------------------------------------------------------------

    private static BlockDef block(String parent, String name, BlockDef.Label label, boolean repeatable,
            boolean required, String doc, String example) {
        return new BlockDef(parent, name, label, repeatable, required, Optional.empty(), doc, example);
    }

    private static BlockDef open(String parent, String name, ValueType keys, String doc, String example) {
        return new BlockDef(parent, name, BlockDef.Label.NONE, false, false, Optional.of(keys), doc, example);
    }

    private static KeyDef harden(String name, String... lines) {
        return key("service.hardening", name, BOOL).byDefault("true")
                .profile(List.of(lines))
                .doc("Writes `" + String.join("`, `", lines) + "` unless set to `false`.")
                .example(name + " = false");
    }

    private static Row key(String scope, String name, ValueType type) {
        return new Row(scope, name, type);
    }

    private static final class Row {
        private final String scope;
        private final String name;
        private final ValueType type;
        private List<String> choices = List.of();
        private BigDecimal min;
        private BigDecimal max;
        private String defaultValue;
        private boolean required;
        private UnitMapping unit = UnitMapping.none();
        private String doc = "";

        Row(String scope, String name, ValueType type) {
            this.scope = scope;
            this.name = name;
            this.type = type;
        }

        Row choices(String... values) { choices = List.of(values); return this; }
        Row min(long v) { min = BigDecimal.valueOf(v); return this; }
        Row max(long v) { max = BigDecimal.valueOf(v); return this; }
        Row byDefault(String v) { defaultValue = v; return this; }
        Row required() { required = true; return this; }
        Row unit(String section, String key) { unit = new UnitMapping.Key(section, key); return this; }
        Row custom(String what) { unit = new UnitMapping.Custom(what); return this; }
        Row profile(List<String> lines) { unit = new UnitMapping.Profile("Service", lines); return this; }
        Row doc(String text) { doc = text; return this; }

        KeyDef example(String text) {
            return new KeyDef(scope, name, type, choices, Optional.ofNullable(min), Optional.ofNullable(max),
                    Optional.ofNullable(defaultValue), required, unit, doc, text);
        }
    }
}
