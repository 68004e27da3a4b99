package dev.deployc.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.deployc.support.PrometheusStub;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.support.Specs;
import dev.deployc.support.Tools;
import dev.deployc.support.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every fleet test shares: the greeter sample in samples/greeter built twice (v1 and v2) by
 * its generated build.sh, a simulated fleet of five hosts per test, a Prometheus stub, and helpers
 * that compile a fleet spec, run the generated rollout script and read where every host is.
 */
abstract class FleetTestBase {

    static final List<String> HOSTS = List.of("h1", "h2", "h3", "h4", "h5");
    /** A second service, without a canary, built from the same sample; build.sh builds it with the canary service. */
    static final String SIDE = """
            service "side" {
              main = "./cmd/greeter"
              exec = ["/opt/greeter/side/current/bin/side", "-listen", "127.0.0.1:8081"]
              ports = [8081]
              health {
                http     = "http://127.0.0.1:8081/healthz"
                interval = 1s
                timeout  = 1s
              }
            }
            """;

    /** Why the fleet cannot run here, or null: each test is then skipped with it, so the totals show them. */
    private static String unavailable;
    @TempDir
    static Path shared;
    static Path v1;
    static Path v2;

    @TempDir
    Path temp;
    Fleet fleet;
    PrometheusStub prometheus;
    Path script;
    Path out;

    @BeforeAll
    static void buildTwoReleases() throws Exception {
        unavailable = null;
        try {
            Tools.require("go", "apt-get install golang-go");
            Tools.require("readelf", "apt-get install binutils");
            Tools.require("ip", "apt-get install iproute2");
            Tools.require("unshare", "apt-get install util-linux");
            Tools.require("curl", "apt-get install curl");
            Tools.require("jq", "apt-get install jq");
            Tools.requireRoot("the simulated fleet needs network and mount namespaces");
        } catch (org.opentest4j.TestAbortedException e) {
            // Aborting here would hide every test ("Tests run: 0"); each one is skipped instead.
            unavailable = e.getMessage();
            return;
        }
        Path checkout = shared.resolve("greeter");
        Trees.copy(Path.of("samples/greeter"), checkout);
        Path build = checkout.resolve("build.sh");
        Files.writeString(build, file(compile(spec("step { weight = 100% }", "http://127.0.0.1:1", SIDE)), "greeter/build.sh"));
        for (String version : List.of("v1", "v2")) {
            Tools.Outcome o = Tools.run(checkout, Map.of("VERSION", version, "COMMIT", "c0ffee", "DATE", "2026-01-01T00:00:00Z",
                    "GOFLAGS", ""), List.of("bash", build.toString(), "--out", "dist-" + version), 600);
            assertEquals(0, o.exitCode(), o.output());
        }
        v1 = checkout.resolve("dist-v1");
        v2 = checkout.resolve("dist-v2");
    }

    @BeforeEach
    void startFleet() throws Exception {
        Assumptions.assumeTrue(unavailable == null, unavailable);
        fleet = new Fleet(temp.resolve("fleet"), HOSTS);
        prometheus = new PrometheusStub();
    }

    @AfterEach
    void stopFleet() throws Exception {
        if (prometheus != null) prometheus.close();
        if (fleet != null) fleet.close();
    }

    /** Compiles the fleet spec with these steps and writes its files; the script is {@link #script}. */
    void compileFleet(String steps) throws Exception {
        compileFleet(steps, "");
    }

    /** The same, with {@code more} (services, a sysctl block) after the canary service. */
    void compileFleet(String steps, String more) throws Exception {
        out = temp.resolve("out");
        for (GeneratedFile f : compile(spec(steps, prometheus.url(), more))) {
            Path target = out.resolve(f.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.content());
            if (f.executable()) Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        script = out.resolve("greeter/rollout-greeter.sh");
    }

    /** Compiles the fleet spec with these steps, writes its files, and rolls v1 out as a first deploy. */
    void firstDeployOfV1(String steps) throws Exception {
        compileFleet(steps);
        Tools.Outcome first = rollout("deploy", "v1", "--dist", v1.toString());
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("first deploy: no host has a release yet"), first.output());
        everyHostOn("v1");
    }

    Tools.Outcome rollout(String... args) throws Exception {
        return rolloutWith(Map.of(), args);
    }

    /** The script run with the fleet's environment plus {@code env}. */
    Tools.Outcome rolloutWith(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(fleet.environment());
        all.putAll(env);
        return Tools.run(temp, all, command, 240);
    }

    void everyHostOn(String version) throws Exception {
        for (String host : HOSTS) {
            assertEquals(version, fleet.release(host, "greeter", "greeter"), host + "'s current release");
            assertEquals("hello from greeter " + version, fleet.serving(host), host + " serves");
        }
    }

    Path stateFile() {
        return fleet.dir.resolve("state/greeter-greeter/state");
    }

    Path release(String host, String version) {
        return fleet.dir.resolve(host).resolve("opt/greeter/greeter/releases").resolve(version);
    }

    static String spec(String steps, String prometheusUrl, String more) {
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
                    healthy_deadline = 6s
                    prometheus       = "%s"
                %s
                  }
                }
                %s
                """.formatted(arch, prometheusUrl, steps, more);
    }

    static List<GeneratedFile> compile(String spec) {
        var result = Specs.compile("fleet.deploy", spec);
        assertTrue(result.ok(), Specs.rendered(result));
        return result.files();
    }

    static String file(List<GeneratedFile> files, String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow().content();
    }
}
