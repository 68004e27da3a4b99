package dev.deployc.schema;

import static dev.deployc.schema.ValueType.*;

import java.util.List;
import java.util.Optional;

/** The schema rows of the blocks: where each may appear, its label, and its documentation. */
final class Blocks {

    static final List<BlockDef> BLOCKS = List.of(
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
                    "Environment variables of the service, written as `Environment=\"NAME=value\"`. A value is a string, a specifier word, or "
                            + "a list of strings and specifier words (`NODE = [\"edge-\", machine_id]`); systemd expands no variables here.",
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
                            + "`$CREDENTIALS_DIRECTORY/<id>`, a private read-only copy; the source may stay readable by root only. "
                            + "A path may be made of parts, such as `[config_root, \"/orders/\", instance, \".token\"]` in a template.",
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

    private static BlockDef block(String parent, String name, BlockDef.Label label, boolean repeatable,
            boolean required, String doc, String example) {
        return new BlockDef(parent, name, label, repeatable, required, Optional.empty(), doc, example);
    }

    private static BlockDef open(String parent, String name, ValueType keys, String doc, String example) {
        return new BlockDef(parent, name, BlockDef.Label.NONE, false, false, Optional.of(keys), doc, example);
    }

    private Blocks() {}
}
