package dev.deployc.ansible;

import static org.junit.jupiter.api.Assertions.fail;

import dev.deployc.support.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated hosts that real Ansible reaches over real OpenSSH: each host is a network namespace
 * plus a private mount and UTS namespace in which a real sshd listens on the namespace's own
 * loopback (see src/test/resources/ansible-fleet/hostinit.sh). The controller reaches it through
 * a ProxyCommand into the namespace, with the host key pinned. Namespace names carry the JVM pid
 * and a counter, so parallel runs never collide; {@link #close} kills only processes inside them.
 */
final class AnsibleLab implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    final Path dir;
    final List<String> hosts;
    private final String prefix;
    private final List<String> started = new ArrayList<>();

    AnsibleLab(Path dir, List<String> hosts) throws Exception {
        this.dir = dir;
        this.hosts = List.copyOf(hosts);
        this.prefix = "dca" + ProcessHandle.current().pid() + "x" + COUNTER.incrementAndGet() + "-";
        Path bin = Files.createDirectories(dir.resolve("bin"));
        copyResource("systemctl", bin.resolve("systemctl"));
        Path init = copyResource("hostinit.sh", dir.resolve("hostinit.sh"));
        Path ctl = Files.createDirectories(dir.resolve("ctl"));
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", ctl.resolve("id_ed25519").toString()));
        String controllerKey = Files.readString(ctl.resolve("id_ed25519.pub"));
        StringBuilder knownHosts = new StringBuilder();
        // A group of "the user's own" besides the generated one: deployc_hosts_<service>=mine points the plays at it.
        StringBuilder inventory = new StringBuilder("mine:\n  hosts:\n");
        for (String host : hosts) {
            Path tree = dir.resolve("hosts").resolve(host);
            for (String d : List.of("opt", "root/.ssh", "etc-ssh", "etc-systemd", "etc-sysctl", "etc-sysusers")) {
                Files.createDirectories(tree.resolve(d));
            }
            Files.setPosixFilePermissions(tree.resolve("root"), PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(tree.resolve("root/.ssh"), PosixFilePermissions.fromString("rwx------"));
            Path keys = Files.writeString(tree.resolve("root/.ssh/authorized_keys"), controllerKey);
            Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
            run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", tree.resolve("etc-ssh/ssh_host_ed25519_key").toString()));
            Files.writeString(tree.resolve("etc-ssh/sshd_config"), """
                    ListenAddress 127.0.0.1:22
                    HostKey /etc/ssh/ssh_host_ed25519_key
                    PidFile /run/sshd.pid
                    PermitRootLogin prohibit-password
                    PasswordAuthentication no
                    KbdInteractiveAuthentication no
                    UsePAM no
                    MaxStartups 50:30:100
                    Subsystem sftp /usr/lib/openssh/sftp-server
                    """);
            String[] pub = Files.readString(tree.resolve("etc-ssh/ssh_host_ed25519_key.pub")).trim().split(" ");
            knownHosts.append(namespace(host)).append(' ').append(pub[0]).append(' ').append(pub[1]).append('\n');
            // ansible_host is the namespace name, written literally per host: delegation templates
            // delegated vars as the delegating host, and a shared ansible_host would share one ssh master.
            inventory.append("    ").append(host).append(": {ansible_host: ").append(namespace(host)).append("}\n");
        }
        Files.writeString(ctl.resolve("known_hosts"), knownHosts);
        inventory.append("""
                  vars:
                    ansible_user: root
                    ansible_python_interpreter: /usr/bin/python3
                    ansible_ssh_private_key_file: %s
                    ansible_ssh_common_args: >-
                      -F none -o ProxyCommand="ip netns exec %%h socat - TCP:127.0.0.1:22"
                      -o UserKnownHostsFile=%s -o StrictHostKeyChecking=yes
                """.formatted(ctl.resolve("id_ed25519"), ctl.resolve("known_hosts")));
        Files.writeString(dir.resolve("connection.yml"), inventory);
        Files.writeString(dir.resolve("ansible.cfg"), """
                [defaults]
                interpreter_python = /usr/bin/python3
                forks = 10
                host_key_checking = True
                retry_files_enabled = False
                local_tmp = %s
                [ssh_connection]
                pipelining = true
                control_path_dir = %s
                ssh_args = -C -o ControlMaster=auto -o ControlPersist=60s
                """.formatted(dir.resolve("ansible-local"), dir.resolve("cp")));
        for (String host : hosts) {
            run(List.of("ip", "netns", "add", namespace(host)));
            started.add(host);
            run(List.of("ip", "netns", "exec", namespace(host), "unshare", "--mount", "--uts", "--propagation", "private",
                    init.toString(), host, dir.resolve("hosts").resolve(host).toString(), dir.toString()));
        }
        recordSshdPids();
    }

    String namespace(String host) {
        return prefix + host;
    }

    /** The environment ansible-playbook runs with: this lab's config, nothing from the user's. */
    Map<String, String> environment() {
        return Map.of("ANSIBLE_CONFIG", dir.resolve("ansible.cfg").toString(), "ANSIBLE_FORCE_COLOR", "0",
                "ANSIBLE_NOCOLOR", "1", "HOME", dir.toString(), "ANSIBLE_CALLBACKS_ENABLED", "ansible.posix.profile_tasks");
    }

    Path connectionInventory() {
        return dir.resolve("connection.yml");
    }

    /** The release {@code host}'s {@code current} link points at, read from outside Ansible; "-" when there is none. */
    String release(String host, String base) throws IOException {
        Path current = dir.resolve("hosts").resolve(host).resolve("opt").resolve(base).resolve("current");
        if (!Files.isSymbolicLink(current)) return "-";
        return Files.readSymbolicLink(current).getFileName().toString();
    }

    Path opt(String host) {
        return dir.resolve("hosts").resolve(host).resolve("opt");
    }

    /** Whether the service is running on the host, asked inside the host's namespaces, not through Ansible. */
    String state(String host, String unit) throws Exception {
        return inside(host, "systemctl is-active " + unit).output().strip();
    }

    /** What the host serves on its own loopback port 8080, or curl's error. */
    String serving(String host) throws Exception {
        return Tools.run(dir, Map.of(), List.of("ip", "netns", "exec", namespace(host), "curl", "-sS", "--max-time", "3",
                "http://127.0.0.1:8080/"), 10).output().strip();
    }

    /** Runs a command in the host's network and mount namespaces (those of its sshd). */
    Tools.Outcome inside(String host, String command) throws Exception {
        String pid = Files.readString(dir.resolve("hosts").resolve(host).resolve("sshd.pid.link")).strip();
        return Tools.run(dir, Map.of(), List.of("nsenter", "-t", pid, "-n", "-m", "-u", "bash", "-c", command), 20);
    }

    /** Makes release {@code version} listen on the wrong port on {@code host}: its health probe fails. */
    void fault(String host, String version) throws IOException {
        Files.writeString(opt(host).resolve("fault"), version + "\n");
    }

    private void recordSshdPids() throws Exception {
        for (String host : hosts) {
            String pids = Tools.run(dir, Map.of(), List.of("ip", "netns", "pids", namespace(host)), 10).output().strip();
            if (pids.isEmpty()) fail("no sshd in " + namespace(host));
            Files.writeString(dir.resolve("hosts").resolve(host).resolve("sshd.pid.link"), pids.split("\\s+")[0]);
        }
    }

    @Override
    public void close() throws Exception {
        for (String host : started) {
            for (int round = 0; round < 2; round++) {
                String pids = Tools.run(dir, Map.of(), List.of("ip", "netns", "pids", namespace(host)), 10).output();
                for (String pid : pids.split("\\s+")) {
                    if (!pid.isBlank()) Tools.run(dir, Map.of(), List.of("kill", round == 0 ? "-TERM" : "-KILL", pid), 10);
                }
                if (round == 0) Thread.sleep(300);
            }
            Tools.run(dir, Map.of(), List.of("ip", "netns", "delete", namespace(host)), 10);
        }
    }

    private void run(List<String> command) throws Exception {
        Tools.Outcome o = Tools.run(dir, Map.of(), command, 30);
        if (o.exitCode() != 0) fail(String.join(" ", command) + ": " + o.output());
    }

    private static Path copyResource(String name, Path target) throws IOException {
        try (InputStream in = AnsibleLab.class.getResourceAsStream("/ansible-fleet/" + name)) {
            if (in == null) fail("test resource ansible-fleet/" + name + " is missing");
            Files.write(target, in.readAllBytes());
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        return target;
    }
}
