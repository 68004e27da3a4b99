package dev.deployc.schema;

import static dev.deployc.schema.Row.key;
import static dev.deployc.schema.ValueType.*;

import java.util.List;

/** The schema rows of the `project` block and of the keys directly in a `service` block. */
final class CoreKeys {

    static final List<KeyDef> KEYS = List.of(
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
                    .doc("A one-line description. A list splices in specifier words (see \"Words systemd expands\"): `[\"Edge node on \", host_name]`; "
                            + "in a template unit `instance` writes the unescaped `%I`: `[\"Sync for \", instance]`.").example("description = \"Orders HTTP API\""),
            key("service", "main", GO_PACKAGE).byDefault("\"./cmd/<service>\"")
                    .doc("The main package to build.").example("main = \"./cmd/api\""),
            key("service", "binary", NAME).byDefault("\"<service>\"")
                    .doc("The file name build.sh and the Dockerfile give the built program; `exec`'s program must have this name.")
                    .example("binary = \"dockerd\""),
            key("service", "exec", ARGV).byDefault("[\"/opt/<project>/<service>/current/bin/<service>\"]")
                    .custom("ExecStart=, quoted word by word")
                    .doc("The command line as a list: absolute program path, then arguments. Strings are literal (`$` and `%` "
                            + "escaped); the bare words `env.NAME` (`${NAME}`, one argument), `env_split.NAME` (`$NAME`, split on "
                            + "spaces, only as an argument of its own) and the specifier words such as `instance` (`%i`) or `machine_id` (`%m`) "
                            + "ask systemd to expand; variables must be declared. A list inside the list is one argument made of parts: "
                            + "`[\"--config=\", env.CONF]`, `[\"--name=\", machine_id]`.")
                    .example("exec = [\"/opt/orders/api/current/bin/api\", \"--config\", \"/etc/orders/api.yaml\"]"),
            key("service", "user", USER).custom("User=; without it DynamicUser=yes; `root` writes neither")
                    .doc("The user the service runs as. Without it deployc writes `DynamicUser=yes` (systemd's own default is root): "
                            + "a fresh unprivileged user per start, with a read-only system. A named user gets a `sysusers.d` entry so the "
                            + "account exists on the host. `\"root\"` is an explicit choice that needs `capabilities` stated; `nobody` is refused.")
                    .example("user = \"orders\""),
            key("service", "group", USER).custom("Group=, after User=").doc("The group the service runs as.")
                    .example("group = \"orders\""),
            key("service", "workdir", PATH).unit("Service", "WorkingDirectory")
                    .doc("The working directory: an absolute path, or a list that starts with one or with a directory root word, such as "
                            + "`[state_root, \"/orders\"]` (`%S/orders`).").example("workdir = \"/var/lib/orders\""),
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
                    .doc("Files of `KEY=value` lines read at each start; the start fails when one is missing. A path may be made of parts: "
                            + "`[config_root, \"/orders/\", instance, \".env\"]`.")
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
                    .doc("A template unit: one instance per `systemctl start <unit>@<instance>`. The words `instance` (`%i`) and "
                            + "`instance_unescaped` (`%I`) may then stand in command lines, `env` values, `description`, `workdir`, `user` and `group`.")
                    .example("template = true"));

    private CoreKeys() {}
}
