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

    private static final List<String[]> CONDITIONS = List.of(
            new String[] {"path_exists", "PathExists", "the path exists"},
            new String[] {"path_exists_glob", "PathExistsGlob", "a path matches the glob"},
            new String[] {"path_is_directory", "PathIsDirectory", "the path is a directory"},
            new String[] {"path_is_symbolic_link", "PathIsSymbolicLink", "the path is a symbolic link"},
            new String[] {"path_is_mount_point", "PathIsMountPoint", "the path is a mount point"},
            new String[] {"path_is_read_write", "PathIsReadWrite", "the path is on a writable file system"},
            new String[] {"directory_not_empty", "DirectoryNotEmpty", "the directory exists and is not empty"},
            new String[] {"file_not_empty", "FileNotEmpty", "the file exists and is not empty"},
            new String[] {"file_is_executable", "FileIsExecutable", "the file exists and is executable"});

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
                    "The sandbox every service gets, and graded ways out of it. Every switch defaults to `true` (on); the graded keys "
                            + "(`protect_system`, `protect_home`, `protect_proc`, `proc_subset`, `umask`) default to their strictest level; the "
                            + "additions (`extra_address_families`, `system_calls_allow`/`_deny`, `device_allow`) keep the rest of the profile. "
                            + "Each generated unit's exposure score is pinned in its golden case.",
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
            open("service", "credentials", PATH,
                    "Files holding secrets, passed as systemd credentials: `LoadCredential=<id>:<path>`. The service reads "
                            + "`$CREDENTIALS_DIRECTORY/<id>`, a private read-only copy; the source may stay readable by root only.",
                    "credentials { db_password = \"/etc/orders/db.pass\" }"),
            open("service", "encrypted_credentials", PATH,
                    "Secrets encrypted with `systemd-creds encrypt`: `LoadCredentialEncrypted=<id>:<path>`.",
                    "encrypted_credentials { api_token = \"/etc/credstore.encrypted/orders.token\" }"),
            block("service", "condition", BlockDef.Label.NONE, false, false,
                    "Conditions checked before start: when one is false, systemd skips the start quietly and the unit does not fail.",
                    "condition { directory_not_empty = [\"/etc/consul.d\"] }"),
            block("service", "assert", BlockDef.Label.NONE, false, false,
                    "Assertions checked before start: when one is false, the start fails.",
                    "assert { file_is_executable = [\"/usr/local/bin/minio\"] }"),
            open("service", "systemd_unit", RAW,
                    "The escape hatch: raw settings for the `[Unit]` section, for what no typed key says. Keys are checked against "
                            + "systemd 252's directives of that section; a key a typed key owns is refused; values are escaped as typed text "
                            + "(`%` and `$` stay literal). A list writes the key once per item.",
                    "systemd_unit { StartLimitAction = \"reboot\" }"),
            open("service", "systemd_service", RAW,
                    "The escape hatch for the `[Service]` section (also takes the exec, kill and resource-control directives).",
                    "systemd_service { SecureBits = \"keep-caps\"  StandardOutput = \"journal\" }"),
            open("service", "systemd_install", RAW,
                    "The escape hatch for the `[Install]` section.",
                    "systemd_install { DefaultInstance = \"main\" }"),
            open("service.socket", "systemd_socket", RAW,
                    "The escape hatch for a socket unit's `[Socket]` section.",
                    "systemd_socket { NoDelay = \"yes\" }"),
            block("service.canary.step", "check", BlockDef.Label.REQUIRED, true, false,
                    "A gate: an HTTP probe (`http`) or a Prometheus query (`query`) that must hold.",
                    "check \"errors\" { query = \"…\"  max = 0.01  no_data = pause }"));

    private static final List<KeyDef> BASE_KEYS = List.of(
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
            key("service", "description", TEMPLATE_TEXT).byDefault("\"<service> (<project>)\"").custom("Description=")
                    .doc("A one-line description. A template unit may splice in its instance: `[\"Sync for \", instance]`.").example("description = \"Orders HTTP API\""),
            key("service", "main", GO_PACKAGE).byDefault("\"./cmd/<service>\"")
                    .doc("The main package to build.").example("main = \"./cmd/api\""),
            key("service", "binary", NAME).byDefault("\"<service>\"")
                    .doc("The file name build.sh and the Dockerfile give the built program; `exec`'s program must have this name.")
                    .example("binary = \"dockerd\""),
            key("service", "exec", ARGV).byDefault("[\"/opt/<project>/<service>/current/bin/<service>\"]")
                    .custom("ExecStart=, quoted word by word")
                    .doc("The command line as a list: absolute program path, then arguments. Strings are literal (`$` and `%` "
                            + "escaped); the bare words `env.NAME` (`${NAME}`, one argument), `env_split.NAME` (`$NAME`, split on "
                            + "spaces) and `instance` (`%i`, template units only) ask systemd to expand, and must be declared.")
                    .example("exec = [\"/opt/orders/api/current/bin/api\", \"--config\", \"/etc/orders/api.yaml\"]"),
            key("service", "user", USER).custom("User=; without it DynamicUser=yes; `root` writes neither")
                    .doc("The user the service runs as. Without it deployc writes `DynamicUser=yes` (systemd's own default is root): "
                            + "a fresh unprivileged user per start, with a read-only system. A named user gets a `sysusers.d` entry so the "
                            + "account exists on the host. `\"root\"` is an explicit choice that needs `capabilities` stated; `nobody` is refused.")
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
                    .doc("Start after these units. A unit outside this spec (a service of another spec, or of the "
                            + "host) is written by its full name in quotes: `\"postgresql.service\"`.")
                    .example("after = [service.db, target.network-online, \"postgresql.service\"]"),
            key("service", "wants", REFERENCES).custom("Wants=")
                    .doc("Start these units too.").example("wants = [service.cache]"),
            key("service", "requires", REFERENCES).custom("Requires=")
                    .doc("Fail when these units fail to start; another spec's or the host's units in quotes.")
                    .example("requires = [service.db, \"postgresql.service\"]"),
            key("service", "binds_to", REFERENCES).custom("BindsTo=")
                    .doc("Stop when these units stop.").example("binds_to = [socket.http]"),
            key("service", "ports", PORTS)
                    .doc("Ports the program binds itself, without socket activation.").example("ports = [9100]"),
            key("service", "capabilities", CAPABILITIES).custom("CapabilityBoundingSet=")
                    .doc("The bounding set: capabilities the service may ever hold; none by default. The word `unrestricted` "
                            + "writes no bounding set at all (only for `user = \"root\"` daemons that need it).")
                    .example("capabilities = [\"CAP_NET_BIND_SERVICE\"]"),
            key("service", "state_directory", NAME).unit("Service", "StateDirectory")
                    .doc("A writable directory under /var/lib that systemd creates for the service.")
                    .example("state_directory = \"orders\""),
            key("service", "writable_paths", WRITABLE_PATHS).custom("ReadWritePaths=")
                    .doc("Paths the service may write despite the read-only file system. Each must exist at start (226/NAMESPACE "
                            + "otherwise): prefer a `*_directory` key, which creates it, or mark it optional with a leading `-`.")
                    .example("writable_paths = [\"/var/cache/orders\"]"),
            key("service", "ambient_capabilities", CAPABILITIES).custom("AmbientCapabilities=")
                    .doc("Capabilities a non-root process starts with; a subset of `capabilities`. Defaults to `capabilities` "
                            + "for a non-root user and to none for root, which holds its bounding set anyway.")
                    .example("ambient_capabilities = [\"CAP_IPC_LOCK\"]"),
            key("service", "documentation", DOC_URLS).unit("Unit", "Documentation")
                    .doc("Where to read about the service; shown by `systemctl status`.")
                    .example("documentation = [\"https://example.com/docs\", \"man:orders(8)\"]"),
            key("service", "environment_files", ENV_FILES).custom("EnvironmentFile=, one per file")
                    .doc("Files of `KEY=value` lines read at each start; the start fails when one is missing.")
                    .example("environment_files = [\"/etc/default/orders\"]"),
            key("service", "optional_environment_files", ENV_FILES).custom("EnvironmentFile=-, one per file")
                    .doc("As `environment_files`, but a missing file is skipped.")
                    .example("optional_environment_files = [\"/etc/sysconfig/orders\"]"),
            key("service", "file_variables", NAMES)
                    .doc("Variables the environment files provide, so `exec` words may expand them (`env.NAME`, `env_split.NAME`).")
                    .example("file_variables = [\"OPTIONS\"]"),
            key("service", "reload", ARGV).custom("ExecReload=")
                    .doc("The command that makes the service reload its configuration.")
                    .example("reload = [\"/usr/bin/caddy\", \"reload\", \"--config\", \"/etc/caddy/Caddyfile\"]"),
            key("service", "reload_signal", SIGNAL).custom("ExecReload=/bin/kill -s <signal> $MAINPID (needs /bin/kill, from procps)")
                    .doc("Reload by sending the main process this signal.").example("reload_signal = SIGHUP"),
            key("service", "start_pre", COMMANDS).custom("ExecStartPre=, one per command; `may_fail` adds `-`")
                    .doc("Commands run before the service starts, in order; a failing one stops the start unless marked `may_fail`.")
                    .example("start_pre = [[may_fail, \"/sbin/modprobe\", \"overlay\"]]"),
            key("service", "start_post", COMMANDS).custom("ExecStartPost=, one per command; `may_fail` adds `-`")
                    .doc("Commands run after the service has started.").example("start_post = [[\"/usr/bin/orders\", \"warm-up\"]]"),
            key("service", "stop_post", COMMANDS).custom("ExecStopPost=, one per command; `may_fail` adds `-`")
                    .doc("Commands run after the service has stopped, also after a failure.")
                    .example("stop_post = [[\"/usr/sbin/tailscaled\", \"--cleanup\"]]"),
            key("service", "kill_signal", SIGNAL).unit("Service", "KillSignal")
                    .doc("The signal that asks the service to stop (systemd's default: SIGTERM).").example("kill_signal = SIGINT"),
            key("service", "send_sigkill", BOOL).unit("Service", "SendSIGKILL")
                    .doc("Whether processes still running after `stop_timeout` are killed (systemd's default: yes).")
                    .example("send_sigkill = false"),
            key("service", "success_exit_status", EXIT_STATUSES).unit("Service", "SuccessExitStatus")
                    .doc("Exit codes and signals that count as a clean exit besides 0 and SIGHUP/SIGINT/SIGTERM/SIGPIPE.")
                    .example("success_exit_status = [143, SIGKILL]"),
            key("service", "restart_force_exit_status", EXIT_STATUSES).unit("Service", "RestartForceExitStatus")
                    .doc("Exit codes and signals after which the service restarts whatever the restart policy.")
                    .example("restart_force_exit_status = [3, 4]"),
            key("service", "runtime_directory", DIRECTORIES).unit("Service", "RuntimeDirectory")
                    .doc("Directories under /run that systemd creates at start, owned by the service's user, removed at stop.")
                    .example("runtime_directory = [\"orders\"]"),
            key("service", "runtime_directory_mode", MODE).unit("Service", "RuntimeDirectoryMode")
                    .doc("The mode of `runtime_directory` (systemd's default: 0755).").example("runtime_directory_mode = \"0750\""),
            key("service", "state_directory_mode", MODE).unit("Service", "StateDirectoryMode")
                    .doc("The mode of `state_directory` (systemd's default: 0755).").example("state_directory_mode = \"0750\""),
            key("service", "cache_directory", DIRECTORIES).unit("Service", "CacheDirectory")
                    .doc("Directories under /var/cache that systemd creates for the service.").example("cache_directory = [\"orders\"]"),
            key("service", "cache_directory_mode", MODE).unit("Service", "CacheDirectoryMode")
                    .doc("The mode of `cache_directory`.").example("cache_directory_mode = \"0750\""),
            key("service", "logs_directory", DIRECTORIES).unit("Service", "LogsDirectory")
                    .doc("Directories under /var/log that systemd creates for the service.").example("logs_directory = [\"orders\"]"),
            key("service", "logs_directory_mode", MODE).unit("Service", "LogsDirectoryMode")
                    .doc("The mode of `logs_directory`.").example("logs_directory_mode = \"0750\""),
            key("service", "configuration_directory", DIRECTORIES).unit("Service", "ConfigurationDirectory")
                    .doc("Directories under /etc that systemd creates (owned by root, read-only to the service).")
                    .example("configuration_directory = [\"orders\"]"),
            key("service", "configuration_directory_mode", MODE).unit("Service", "ConfigurationDirectoryMode")
                    .doc("The mode of `configuration_directory`.").example("configuration_directory_mode = \"0755\""),
            key("service", "part_of", REFERENCES).custom("PartOf=")
                    .doc("Stop and restart together with these units (one way; never starts them).")
                    .example("part_of = [\"docker.service\"]"),
            key("service", "alias", STRINGS).unit("Install", "Alias")
                    .doc("Other names of the unit, linked by `systemctl enable`; each ends in `.service`.")
                    .example("alias = [\"orders.service\"]"),
            key("service", "install", BOOL).byDefault("true").custom("[Install] WantedBy=multi-user.target; false writes no [Install]")
                    .doc("Whether `systemctl enable` starts the service at boot; `false` leaves it static, started only by others.")
                    .example("install = false"),
            key("service", "delegate", BOOL).unit("Service", "Delegate")
                    .doc("Hand the service its own cgroup subtree (container runtimes need it).").example("delegate = true"),
            key("service", "syslog_identifier", NAME).unit("Service", "SyslogIdentifier")
                    .doc("The journal's SYSLOG_IDENTIFIER for the service's output; keep it stable for log shippers.")
                    .example("syslog_identifier = \"orders-api\""),
            key("service", "log_level_max", ENUM)
                    .choices("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug").unit("Service", "LogLevelMax")
                    .doc("Drop log messages above this level before they reach the journal.").example("log_level_max = info"),
            key("service", "log_rate_limit_interval", DURATION).min(0).unit("Service", "LogRateLimitIntervalSec")
                    .doc("The window of the journal's rate limit for this service.").example("log_rate_limit_interval = 30s"),
            key("service", "log_rate_limit_burst", INTEGER).min(0).max(4294967295L).unit("Service", "LogRateLimitBurst")
                    .doc("Messages allowed per window before the journal drops them.").example("log_rate_limit_burst = 10000"),
            key("service", "template", BOOL).byDefault("false").custom("the unit becomes `<project>-<service>@.service`")
                    .doc("A template unit: one instance per `systemctl start <unit>@<instance>`. The word `instance` may then stand in "
                            + "`exec` words and `user`, where systemd expands it to `%i`.")
                    .example("template = true"),
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
                    .doc("Give the service its own System V IPC and POSIX message queues.").example("private_ipc = true"),
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
            key("service.socket", "description", TEXT).custom("Description=; by default \"Socket for <the service's description>\"")
                    .doc("A one-line description of the socket unit.").example("description = \"Docker Socket for the API\""),
            key("service.socket", "part_of", BOOL).byDefault("false").custom("PartOf=<the service's unit>")
                    .doc("Stop and restart the socket together with its service.").example("part_of = true"),
            key("service.socket", "socket_user", USER).unit("Socket", "SocketUser")
                    .doc("The owner of a unix socket (default root). Must be a static user: a dynamic user does not exist before the service starts.")
                    .example("socket_user = \"root\""),
            key("service.socket", "socket_group", USER).unit("Socket", "SocketGroup")
                    .doc("The group of a unix socket.").example("socket_group = \"docker\""),
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

    private static final List<KeyDef> KEYS = java.util.stream.Stream.of(BASE_KEYS, conditions("condition", "Condition"),
            conditions("assert", "Assert")).flatMap(List::stream).toList();

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
        Row row = key("service.hardening", name, ENUM).choices(choices.toArray(String[]::new)).byDefault(strictest).doc(doc);
        row.unit = new UnitMapping.Graded("Service", java.util.Collections.unmodifiableMap(lines));
        return row.example(name + " = " + choices.get(1));
    }

    private static List<KeyDef> conditions(String block, String prefix) {
        List<KeyDef> out = new ArrayList<>();
        for (String[] c : CONDITIONS) {
            out.add(key("service." + block, c[0], CONDITION_PATHS).unit("Unit", prefix + c[1])
                    .doc((prefix.equals("Condition") ? "Start only if " : "Fail the start unless ") + c[2] + ", for each path.")
                    .example(c[0] + " = [\"/etc/app\"]"));
        }
        return out;
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
