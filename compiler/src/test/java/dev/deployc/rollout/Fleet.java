package dev.deployc.rollout;

import static org.junit.jupiter.api.Assertions.fail;

import dev.deployc.support.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated fleet on this machine: each host is a network namespace with its own loopback and a
 * directory root holding its /opt and /etc/systemd/system; {@code fake-ssh} reaches it and a
 * stand-in {@code systemctl} really runs the service binary there. See the scripts in
 * src/test/resources/fleet.
 */
final class Fleet implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    final Path dir;
    final List<String> hosts;
    private final String prefix;
    private final Path bin;
    private final Path transport;

    Fleet(Path dir, List<String> hosts) throws Exception {
        this.dir = dir;
        this.hosts = List.copyOf(hosts);
        this.prefix = "dcf" + ProcessHandle.current().pid() + "x" + COUNTER.incrementAndGet() + "-";
        this.bin = Files.createDirectories(dir.resolve("bin"));
        copyResource("systemctl", bin.resolve("systemctl"));
        copyResource("sysctl", bin.resolve("sysctl"));
        copyResource("sudo", bin.resolve("sudo"));
        copyResource("systemd-sysusers", bin.resolve("systemd-sysusers"));
        this.transport = copyResource("fake-ssh", dir.resolve("fake-ssh"));
        for (String host : hosts) {
            Path root = dir.resolve(host);
            Files.createDirectories(root.resolve("opt"));
            Files.createDirectories(root.resolve("etc/systemd/system"));
            Files.createDirectories(root.resolve("etc/sysctl.d"));
            Files.createDirectories(root.resolve("etc/sysusers.d"));
            ip("netns", "add", namespace(host));
            ip("netns", "exec", namespace(host), "ip", "link", "set", "lo", "up");
        }
    }

    String namespace(String host) {
        return prefix + host;
    }

    /** The environment the rollout script runs with: the fake transport, the fleet, its own state directory. */
    Map<String, String> environment() {
        return Map.of(
                "DEPLOYC_TRANSPORT", transport.toString(),
                "DEPLOYC_STATE_DIR", dir.resolve("state").toString(),
                "FLEET_DIR", dir.toString(),
                "FLEET_NETNS_PREFIX", prefix,
                "FLEET_BIN", bin.toString());
    }

    /** The release {@code host}'s current link points at, or "-" when it has none. */
    String release(String host, String project, String service) throws IOException {
        Path current = dir.resolve(host).resolve("opt").resolve(project).resolve(service).resolve("current");
        if (!Files.isSymbolicLink(current)) return "-";
        return Files.readSymbolicLink(current).getFileName().toString();
    }

    /** What the service on {@code host} answers on its loopback, or the error. */
    String serving(String host) throws Exception {
        Tools.Outcome o = Tools.run(dir, Map.of(), List.of("ip", "netns", "exec", namespace(host),
                "curl", "-sS", "--max-time", "3", "http://127.0.0.1:8080/"), 10);
        return o.output().strip();
    }

    /** The times (ns) at which the stand-in systemctl restarted a unit on {@code host}. */
    List<Long> restarts(String host) throws IOException {
        Path log = dir.resolve(host).resolve("systemctl.log");
        List<Long> times = new ArrayList<>();
        if (!Files.exists(log)) return times;
        for (String line : Files.readAllLines(log)) {
            String[] parts = line.split(" ");
            if (parts.length >= 2 && parts[1].equals("restart")) times.add(Long.parseLong(parts[0]));
        }
        return times;
    }

    void fault(String host, String version) throws IOException {
        Files.writeString(dir.resolve(host).resolve("fault"), version);
    }

    @Override
    public void close() throws Exception {
        for (String host : hosts) {
            Tools.Outcome pids = Tools.run(dir, Map.of(), List.of("ip", "netns", "pids", namespace(host)), 10);
            for (String pid : pids.output().split("\\s+")) {
                if (!pid.isBlank()) Tools.run(dir, Map.of(), List.of("kill", "-9", pid), 10);
            }
            Tools.run(dir, Map.of(), List.of("ip", "netns", "del", namespace(host)), 10);
        }
    }

    private static void ip(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Tools.Outcome o = Tools.run(Path.of("."), Map.of(), command, 10);
        if (o.exitCode() != 0) fail(String.join(" ", command) + ": " + o.output());
    }

    private static Path copyResource(String name, Path target) throws IOException {
        try (InputStream in = Fleet.class.getResourceAsStream("/fleet/" + name)) {
            if (in == null) fail("test resource fleet/" + name + " is missing");
            Files.writeString(target, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        return target;
    }
}
