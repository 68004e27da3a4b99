package dev.deployc.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.deployc.support.PrometheusStub;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.support.Specs;
import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated playbook, run by real ansible-playbook over real sshd against five simulated
 * hosts (see {@link AnsibleLab}). One fleet lives through the scenarios in order (each leaves every
 * host on a known release, so none needs a fresh fleet): a first rollout of v1, check mode, a metric
 * breach, no data, a health failure in wave 2, the happy path to v2, a second run, the rollback entry
 * point, a no-data pause with its resume, and a run killed in wave 2 then run again against a group of
 * the user's own inventory. After each, every host's state is read from outside
 * Ansible: its {@code current} link, whether its service runs, and what it serves on its own
 * loopback. The recap is never trusted alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnsibleFleetTest {

    private static final List<String> HOSTS = List.of("h1", "h2", "h3", "h4", "h5");
    private static final String BASE = "greeter/greeter";
    private static final String UNIT = "greeter.service";
    private static final String STEPS = """
                step { weight = 1 }
                step { bake = 1s }
                step {
                  check "errors" {
                    query    = "sum(rate(errors_total{job=\\"greeter\\"}[1m]))"
                    max      = 0.5
                    interval = 1s
                    count    = 2
                    no_data  = %s
                  }
                }
                step { weight = 60%% }
                step { weight = 100%% }
            """;

    @TempDir
    static Path shared;
    private static AnsibleLab lab;
    private static PrometheusStub prometheus;
    private static Path playbooks;
    /** Why making the fleet failed, so the tests after the first report it instead of making it again. */
    private static Throwable setupFailure;

    /**
     * The tools are checked before each test, so a missing one skips each test with its reason instead
     * of dropping the class from the totals; the fleet itself is made once, by the first test.
     */
    @BeforeEach
    void fleetOnV1() throws Exception {
        Tools.require("ansible-playbook", "apt-get install ansible-core");
        Tools.require("sshd", "apt-get install openssh-server");
        Tools.require("ssh", "apt-get install openssh-client");
        Tools.require("socat", "apt-get install socat");
        Tools.require("ip", "apt-get install iproute2");
        Tools.require("nsenter", "apt-get install util-linux");
        Tools.require("curl", "apt-get install curl");
        Tools.requireRoot("the simulated hosts need network and mount namespaces");
        if (setupFailure != null) throw new AssertionError("the fleet could not be made (see the first test)", setupFailure);
        if (playbooks != null) return;
        try {
            for (String v : List.of("v1", "v2")) dist(v);
            lab = new AnsibleLab(shared.resolve("lab"), HOSTS);
            prometheus = new PrometheusStub();
            playbooks = compile("fail", "fail");
        } catch (Exception | AssertionError e) {
            setupFailure = e;
            throw e;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) prometheus.close();
        if (lab != null) lab.close();
    }

    @Test
    @Order(1)
    void aFirstRolloutPutsEveryHostOnV1() throws Exception {
        prometheus.answer("0.1");
        Tools.Outcome first = deploy(playbooks, "v1");
        assertEquals(0, first.exitCode(), first.output());
        everyHostOn("v1");
    }

    @Test
    @Order(2)
    void checkModeShowsTheChangeAndChangesNothing() throws Exception {
        Tools.Outcome check = deploy(playbooks, "v2", "--check", "--diff");
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("-> releases/v2") || check.output().contains("releases/v2"), check.output());
        everyHostOn("v1");
        for (String host : HOSTS) {
            assertTrue(Files.notExists(lab.opt(host).resolve(BASE + "/releases/v2")), host + ": check mode staged v2");
            assertEquals(List.of("v1"), restarted(host), host + ": check mode restarted the service");
        }
    }

    @Test
    @Order(3)
    void aFailingMetricGateRollsWaveOneBack() throws Exception {
        prometheus.answer("0.9");
        Tools.Outcome breach = deploy(playbooks, "v2");
        assertEquals(2, breach.exitCode(), breach.output());
        assertTrue(breach.output().contains("check errors: 0.9 is outside -inf..0.5 (1 of 2 measurements failed, 0 allowed)"),
                breach.output());
        everyHostOn("v1");
        assertEquals(List.of("v1", "v2", "v1"), restarted("h1"), "h1 (wave 1) switched and came back");
        for (String host : HOSTS.subList(1, 5)) assertEquals(List.of("v1"), restarted(host), host + ": wave 2 never started");
    }

    @Test
    @Order(4)
    void noDataAsFailureRollsBack() throws Exception {
        prometheus.answer(null);
        Tools.Outcome noData = deploy(playbooks, "v2");
        assertEquals(2, noData.exitCode(), noData.output());
        assertTrue(noData.output().contains("check errors: no data (no_data = fail) (1 of 2 measurements failed, 0 allowed)"),
                noData.output());
        everyHostOn("v1");
    }

    @Test
    @Order(5)
    void aHealthFailureInWaveTwoPutsEverySwitchedHostBackIncludingWaveOne() throws Exception {
        prometheus.answer("0.1");
        lab.fault("h3", "v2");
        try {
            Tools.Outcome o = deploy(playbooks, "v2");
            assertEquals(2, o.exitCode(), o.output());
            assertTrue(o.output().contains("every switched host was put back on its previous release"), o.output());
        } finally {
            Files.delete(lab.opt("h3").resolve("fault"));
        }
        everyHostOn("v1");
        assertEquals("v1", last(restarted("h1")), "h1 (wave 1) is back");
        assertTrue(restarted("h2").contains("v2") && restarted("h3").contains("v2"), "wave 2 had switched");
        for (String host : List.of("h4", "h5")) assertEquals(List.of("v1"), restarted(host), host + ": wave 3 never started");
    }

    @Test
    @Order(6)
    void theHappyPathSwitchesWaveByWave() throws Exception {
        prometheus.answer("0.1");
        int queries = prometheus.queries.size();
        Tools.Outcome deploy = deploy(playbooks, "v2");
        assertEquals(0, deploy.exitCode(), deploy.output());
        everyHostOn("v2");
        assertEquals(queries + 2, prometheus.queries.size(), "count = 2 measurements");
        assertTrue(prometheus.queries.stream().allMatch(q -> q.equals("query=sum(rate(errors_total{job=\"greeter\"}[1m]))")),
                prometheus.queries.toString());
        wavesInOrder(List.of(List.of("h1"), List.of("h2", "h3"), List.of("h4", "h5")));
    }

    @Test
    @Order(7)
    void aSecondRunChangesNothing() throws Exception {
        Tools.Outcome again = deploy(playbooks, "v2");
        assertEquals(0, again.exitCode(), again.output());
        for (String host : HOSTS) {
            assertTrue(recap(again.output(), host).contains("changed=0 "), "second run changed " + host + ":\n" + again.output());
            assertEquals("v2", last(restarted(host)), host);
        }
        everyHostOn("v2");
    }

    @Test
    @Order(8)
    void theRollbackEntryPointPutsEveryHostBack() throws Exception {
        Tools.Outcome back = playbook(playbooks, "rollback.yml");
        assertEquals(0, back.exitCode(), back.output());
        everyHostOn("v1");
    }

    @Test
    @Order(9)
    void noDataAsPauseStopsWithoutRollingBackAndResumeFinishes() throws Exception {
        Path paused = compile("pause", "pause");
        prometheus.answer("NaN");
        Tools.Outcome stop = deploy(paused, "v2");
        assertEquals(2, stop.exitCode(), stop.output());
        assertTrue(stop.output().contains("paused: check errors: the query returned no data (no_data = pause)"), stop.output());
        assertTrue(stop.output().contains("-e deployc_resume_from=4"), stop.output());
        assertEquals("v2", lab.release("h1", BASE));
        assertEquals("hello from greeter v2", lab.serving("h1"));
        for (String host : HOSTS.subList(1, 5)) assertEquals("v1", lab.release(host, BASE), host);

        Tools.Outcome resumed = deploy(paused, "v2", "-e", "deployc_resume_from=4");
        assertEquals(0, resumed.exitCode(), resumed.output());
        everyHostOn("v2");
    }

    @Test
    @Order(10)
    void aRunKilledInWaveTwoConvergesWhenRunAgainOnTheUsersOwnGroup() throws Exception {
        Path playbooks = compile("fail", "kill");
        prometheus.answer("0.1");
        List<String> command = new ArrayList<>(List.of("ansible-playbook", "-i", "inventory.yml", "-i",
                lab.connectionInventory().toString(), "deploy.yml", "-e", "deployc_version=v1", "-e",
                "deployc_dist=" + shared.resolve("dist-v1")));
        ProcessBuilder pb = new ProcessBuilder(command).directory(playbooks.toFile()).redirectErrorStream(true)
                .redirectOutput(shared.resolve("killed.log").toFile());
        pb.environment().putAll(lab.environment());
        Process p = pb.start();
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (!last(restarted("h2")).equals("v1") && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(p.isAlive(), "the run ended before wave 2 could be interrupted: " + Files.readString(shared.resolve("killed.log")));
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
        assertEquals("v1", lab.release("h2", BASE), "killed in wave 2");
        assertEquals("v2", lab.release("h4", BASE), "wave 3 had not started");

        Tools.Outcome again = playbook(playbooks, "deploy.yml", "-e", "deployc_version=v1", "-e",
                "deployc_dist=" + shared.resolve("dist-v1"), "-e", "deployc_hosts_greeter=mine");
        assertEquals(0, again.exitCode(), again.output());
        everyHostOn("v1");
    }

    // ---------------------------------------------------------------------------------------------

    /** Compiles the fleet spec with this no_data policy into its own output directory; returns its ansible/ directory. */
    private static Path compile(String noData, String label) throws Exception {
        Path out = shared.resolve("out-" + label);
        var result = Specs.compile("fleet.deploy", spec(String.format(STEPS, noData), prometheus.url()));
        assertTrue(result.ok(), Specs.rendered(result));
        for (GeneratedFile f : result.files()) {
            Path target = out.resolve(f.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.content());
        }
        return out.resolve("greeter/ansible");
    }

    private static Tools.Outcome deploy(Path playbooks, String version, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("-e", "deployc_version=" + version, "-e", "deployc_dist=" + shared.resolve("dist-" + version)));
        args.addAll(List.of(more));
        return playbook(playbooks, "deploy.yml", args.toArray(String[]::new));
    }

    private static String last(List<String> list) {
        return list.isEmpty() ? "-" : list.get(list.size() - 1);
    }

    private static Tools.Outcome playbook(Path playbooks, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ansible-playbook", "-i", "inventory.yml", "-i",
                lab.connectionInventory().toString(), name));
        command.addAll(List.of(args));
        long t0 = System.nanoTime();
        Tools.Outcome o = Tools.run(playbooks, lab.environment(), command, 600);
        Files.writeString(lab.dir.resolve("last-" + name + ".log"), o.output());
        if (System.getenv("DEPLOYC_ANSIBLE_LOGS") != null) {
            Files.writeString(Path.of(System.getenv("DEPLOYC_ANSIBLE_LOGS")), String.join(" ", command) + "\n" + o.output() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        System.out.printf("ansible-playbook %s %s: exit %d in %.1f s%n", name, String.join(" ", args), o.exitCode(),
                (System.nanoTime() - t0) / 1e9);
        return o;
    }

    private static void everyHostOn(String version) throws Exception {
        for (String host : HOSTS) {
            assertEquals(version, lab.release(host, BASE), host + "'s current release");
            assertEquals("active", lab.state(host, UNIT), host + "'s service");
            assertEquals("hello from greeter " + version, lab.serving(host), host + " serves");
        }
    }

    /** The releases the host's service was started on, in order, from the stand-in systemctl's log and the link at the time. */
    private static List<String> restarted(String host) throws Exception {
        Path log = lab.opt(host).resolve("greeter/greeter/restarts.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static void wavesInOrder(List<List<String>> waves) throws Exception {
        for (int w = 0; w + 1 < waves.size(); w++) {
            long lastOfWave = 0;
            for (String h : waves.get(w)) lastOfWave = Math.max(lastOfWave, lastRestart(h));
            long firstOfNext = Long.MAX_VALUE;
            for (String h : waves.get(w + 1)) firstOfNext = Math.min(firstOfNext, lastRestart(h));
            assertTrue(lastOfWave < firstOfNext, "wave " + (w + 2) + " started before wave " + (w + 1) + " was done");
        }
    }

    private static long lastRestart(String host) throws Exception {
        long last = 0;
        for (String line : Files.readAllLines(lab.opt(host).resolve("systemctl.log"))) {
            String[] parts = line.split(" ");
            if (parts.length >= 2 && parts[1].equals("restart")) last = Long.parseLong(parts[0]);
        }
        assertNotEquals(0, last, host + " was never restarted");
        return last;
    }

    private static String recap(String output, String host) {
        Matcher m = Pattern.compile("(?m)^" + host + "\\s+: (.*)$").matcher(output);
        String last = "";
        while (m.find()) last = m.group(1) + " ";
        return last;
    }

    /** A release: a stand-in binary that serves "hello from greeter VERSION" and /healthz, with SHA256SUMS as build.sh writes it. */
    private static void dist(String version) throws Exception {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
        Path dir = Files.createDirectories(shared.resolve("dist-" + version).resolve("linux_" + arch));
        Path binary = dir.resolve("greeter");
        Files.writeString(binary, """
                #!/bin/bash
                # greeter %1$s, a stand-in: serves its greeting and /healthz on 127.0.0.1:8080
                # (18080 when /opt/fault names this release, so its health probe fails).
                version=%1$s
                root="$(mktemp -d /run/greeter-XXXXXX)"
                printf 'hello from greeter %%s\\n' "${version}" >"${root}/index.html"
                printf 'ok\\n' >"${root}/healthz"
                printf '%%s\\n' "${version}" >>/opt/greeter/greeter/restarts.log
                port=8080
                if [[ -f /opt/fault ]] && grep -qx "${version}" /opt/fault; then port=18080; fi
                exec python3 -m http.server "${port}" --bind 127.0.0.1 --directory "${root}"
                """.formatted(version));
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(binary)));
        Files.writeString(shared.resolve("dist-" + version).resolve("SHA256SUMS"), sum + "  ./linux_" + arch + "/greeter\n");
    }

    private static String spec(String steps, String prometheusUrl) {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
        return """
                project "greeter" {
                  module      = "example.com/greeter"
                  go          = "1.19"
                  targets     = ["linux/%s"]
                  version_var = "example.com/greeter/internal/version.Version"
                }

                service "greeter" {
                  ports = [8080]
                  health {
                    http     = "http://127.0.0.1:8080/healthz"
                    interval = 1s
                    timeout  = 1s
                  }
                  canary {
                    hosts            = ["h1", "h2", "h3", "h4", "h5"]
                    parallel         = 2
                    healthy_for      = 1s
                    healthy_deadline = 4s
                    prometheus       = "%s"
                    emit             = playbook
                %s
                  }
                }
                """.formatted(arch, prometheusUrl, steps);
    }
}
