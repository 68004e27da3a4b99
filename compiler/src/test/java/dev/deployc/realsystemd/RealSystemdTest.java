package dev.deployc.realsystemd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.Compiler;
import dev.deployc.support.Specs;
import dev.deployc.support.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A real systemd decides: every service that every sample and every passing golden case generates
 * is started under systemd 252 as PID 1 (one container per case, a few in parallel) and must run
 * and keep what its unit promises; see {@link Startup}. Cases are found at run time, so new
 * samples and golden cases are covered without touching this class. Negative controls show that
 * the checks fail, and for the right reason.
 */
class RealSystemdTest {

    private static final int PARALLEL = Integer.getInteger("deployc.systemd.parallel", 3);
    private static final AtomicInteger SERVICES = new AtomicInteger();
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicLong STARTED_AT = new AtomicLong();
    private static final List<String> NOTES = java.util.Collections.synchronizedList(new ArrayList<>());

    @TestFactory
    Stream<DynamicTest> everyGeneratedServiceStarts() throws Exception {
        Host host = Host.require();
        Map<String, Map<String, String>> cases = cases();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        STARTED_AT.set(System.nanoTime());
        Map<String, Future<Startup.Outcome>> runs = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : cases.entrySet()) {
            runs.put(e.getKey(), pool.submit(() -> Startup.run(host,
                    Deployment.prepare(host, e.getKey(), e.getValue(), hostProvides(e.getKey())))));
        }
        pool.shutdown();
        return runs.entrySet().stream().map(r -> DynamicTest.dynamicTest(r.getKey(), () -> {
            Startup.Outcome o;
            try {
                o = r.getValue().get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause();
            }
            SERVICES.addAndGet(o.services());
            CASES.incrementAndGet();
            NOTES.add(String.format("%s: %d service(s), %.1f s", o.name(), o.services(), o.millis() / 1000.0));
            o.notes().forEach(n -> NOTES.add(o.name() + ": " + n));
            assertTrue(o.services() > 0, r.getKey() + " started no service");
        }));
    }

    @AfterAll
    static void summary() {
        if (CASES.get() == 0) return;
        long ms = (System.nanoTime() - STARTED_AT.get()) / 1_000_000;
        System.out.printf("real systemd: %d services of %d cases started, ran and stopped in %.1f s (%d in parallel)%n",
                SERVICES.get(), CASES.get(), ms / 1000.0, PARALLEL);
        NOTES.forEach(n -> System.out.println("  " + n));
    }

    /**
     * Negative control: a writable path that nothing creates fails at start with 226/NAMESPACE. The
     * compiler refuses such a spec now, so the unit is the one it would have written, by hand.
     */
    @Test
    void aWritablePathNothingCreatesFailsWithNamespace() throws Exception {
        Host host = Host.require();
        Compiler.Result r = Specs.compile("spool.deploy", """
                project "spool" {
                  module = "example.com/spool"
                  go = "1.19"
                  version_var = "main.version"
                }
                service "worker" {
                  writable_paths = ["/var/spool/spool-worker"]
                }
                """);
        assertTrue(!r.ok() && Specs.rendered(r).contains("fails with 226/NAMESPACE"), Specs.rendered(r));
        Deployment d = Deployment.prepare(host, "missing-dir", Map.of("spool/systemd/spool-worker.service", """
                [Unit]
                Description=writable path control
                [Service]
                Type=exec
                ExecStart=/opt/spool/worker/current/bin/worker
                DynamicUser=yes
                ProtectSystem=strict
                ReadWritePaths=/var/spool/spool-worker
                """), Deployment.HostProvides.NONE);
        AssertionError e = assertThrows(AssertionError.class, () -> Startup.run(host, d));
        assertTrue(e.getMessage().contains("failed to start") && e.getMessage().contains("status=226/NAMESPACE"), e.getMessage());
    }

    /** Negative control: a socket that hands its descriptor over under another name than the unit says. */
    @Test
    void aWrongSocketNameIsCaught() throws Exception {
        Host host = Host.require();
        Map<String, String> files = Trees.read(Path.of("golden-tests/sample-orders-api/expected"));
        Deployment d = Deployment.prepare(host, "wrong-socket-name", files, Deployment.HostProvides.NONE);
        String socket = files.get("orders/systemd/orders-api-http.socket");
        d.tamper("orders-api-http.socket", socket.replace("FileDescriptorName=http", "FileDescriptorName=metrics"));
        AssertionError e = assertThrows(AssertionError.class, () -> Startup.run(host, d));
        assertTrue(e.getMessage().contains("descriptor named http, got: PONG name=metrics"), e.getMessage());
    }

    /** Negative control: a unit whose start condition fails is skipped, not started, and that is caught. */
    @Test
    void aFailingStartConditionIsCaught() throws Exception {
        Host host = Host.require();
        Deployment d = Deployment.prepare(host, "condition", Map.of("t/systemd/cond.service", """
                [Unit]
                Description=condition control
                ConditionPathExists=/etc/deployc-absent
                [Service]
                ExecStart=/opt/cond/bin/cond
                DynamicUser=yes
                """), Deployment.HostProvides.NONE);
        AssertionError e = assertThrows(AssertionError.class, () -> Startup.run(host, d));
        assertTrue(e.getMessage().contains("cond.service was skipped: a start condition failed"), e.getMessage());
        assertTrue(e.getMessage().contains("ConditionPathExists=/etc/deployc-absent"), e.getMessage());
    }

    /** Negative control: a reload command that succeeds without the daemon ever hearing of it. */
    @Test
    void aReloadThatNeverReachesTheDaemonIsCaught() throws Exception {
        Host host = Host.require();
        Deployment d = Deployment.prepare(host, "deaf-reload", Map.of("t/systemd/deaf.service",
                PROBE_UNIT.replace("ExecReload=/bin/kill -HUP $MAINPID", "ExecReload=/bin/true")), Deployment.HostProvides.NONE);
        AssertionError e = assertThrows(AssertionError.class, () -> Startup.run(host, d));
        assertTrue(e.getMessage().contains("never saw SIGHUP"), e.getMessage());
    }

    /** Negative control: a setting systemd ignores with a warning when it loads the unit is caught, though the unit starts. */
    @Test
    void aSettingSystemdIgnoresAtLoadIsCaught() throws Exception {
        Host host = Host.require();
        Deployment d = Deployment.prepare(host, "ignored-setting", Map.of("t/systemd/plain.service", """
                [Unit]
                Description=a setting only templates take
                [Service]
                Type=exec
                ExecStart=/opt/plain/bin/plain
                DynamicUser=yes
                [Install]
                WantedBy=multi-user.target
                DefaultInstance=main
                """), Deployment.HostProvides.NONE);
        AssertionError e = assertThrows(AssertionError.class, () -> Startup.run(host, d));
        assertTrue(e.getMessage().contains("systemd warned while loading the units")
                && e.getMessage().contains("/etc/systemd/system/plain.service:") && e.getMessage().contains("DefaultInstance= only makes sense for template units"), e.getMessage());
    }

    /** Negative control: coredns reloads on SIGUSR1; a unit that sends SIGHUP instead does not reload it. */
    @Test
    void aReloadOnAnotherSignalThanTheUnitSaysIsCaught() throws Exception {
        Host host = Host.require();
        Map<String, String> files = Trees.read(Path.of("golden-tests/corpus-coredns/expected"));
        Deployment d = Deployment.prepare(host, "wrong-reload-signal", files, hostProvides("corpus-coredns"));
        String unit = files.get("coredns/systemd/coredns.service");
        d.tamper("coredns.service", unit.replace("ExecReload=/bin/kill -s USR1 $MAINPID", "ExecReload=/bin/kill -s HUP $MAINPID"));
        AssertionError e = assertThrows(AssertionError.class, () -> Startup.run(host, d));
        assertTrue(e.getMessage().contains("the daemon never saw SIGUSR1"), e.getMessage());
    }

    /**
     * Negative control: words made of parts are compared after systemd's expansion, specifiers included; a unit that
     * splices the cache root where the spec says the state root passes a different argument, and that is caught.
     */
    @Test
    void aSplicedWordThatExpandsToAnotherArgumentIsCaught() throws Exception {
        Host host = Host.require();
        Map<String, String> files = Trees.read(Path.of("golden-tests/ok-specifiers-and-spliced-words/expected"));
        Deployment d = Deployment.prepare(host, "spliced-word-changed", files, hostProvides("ok-specifiers-and-spliced-words"));
        String unit = files.get("edge/systemd/edge-node.service");
        d.tamper("edge-node.service", unit.replace("--data-dir=%S/node", "--data-dir=%C/node"));
        AssertionError e = assertThrows(AssertionError.class, () -> Startup.run(host, d));
        assertTrue(e.getMessage().contains("ExecStart= should pass") && e.getMessage().contains("--data-dir=/var/lib/node")
                && e.getMessage().contains("--data-dir=/var/cache/node"), e.getMessage());
    }

    /** Negative control: without the configuration the host provides, consul's upstream condition skips the start. */
    @Test
    void aConditionTheHostDoesNotSatisfyIsCaught() throws Exception {
        Host host = Host.require();
        Deployment d = Deployment.prepare(host, "consul-unconfigured", Trees.read(Path.of("golden-tests/corpus-consul/expected")),
                Deployment.HostProvides.NONE);
        AssertionError e = assertThrows(AssertionError.class, () -> Startup.run(host, d));
        assertTrue(e.getMessage().contains("consul.service was skipped: a start condition failed")
                && e.getMessage().contains("ConditionDirectoryNotEmpty=/etc/consul.d"), e.getMessage());
    }

    /** Negative control: under ProtectSystem=strict, minio cannot write the volume its configuration names unless the unit allows it. */
    @Test
    void aDataDirectoryTheSandboxHidesIsCaught() throws Exception {
        Host host = Host.require();
        Map<String, String> files = Trees.read(Path.of("golden-tests/corpus-minio/expected"));
        Deployment d = Deployment.prepare(host, "minio-read-only", files, hostProvides("corpus-minio"));
        d.tamper("minio.service", files.get("minio/systemd/minio.service").replace("ReadWritePaths=-/mnt/data\n", ""));
        AssertionError e = assertThrows(AssertionError.class, () -> Startup.run(host, d));
        assertTrue(e.getMessage().contains("names /mnt/data (host-provides data), which it cannot write")
                && e.getMessage().contains("read-only file system"), e.getMessage());
    }

    /**
     * Positive control for what no generated unit uses yet: credentials (loaded and set) for a dynamic
     * user, every managed directory, Type=notify with a watchdog, reload by SIGHUP, and a template
     * unit without a socket (started as one instance).
     */
    @Test
    void credentialsDirectoriesNotifyAndReloadWork() throws Exception {
        Host host = Host.require();
        Startup.Outcome o = Startup.run(host, Deployment.prepare(host, "full-probe", Map.of("t/systemd/probe.service", PROBE_UNIT,
                "t/systemd/worker@.service", """
                [Unit]
                Description=a template started as one instance
                [Service]
                ExecStart=/opt/worker/bin/worker --instance %i
                DynamicUser=yes
                """), Deployment.HostProvides.NONE));
        assertTrue(o.services() == 2, o.toString());
    }

    private static final String PROBE_UNIT = """
            [Unit]
            Description=everything the stand-in daemon can show
            [Service]
            Type=notify
            WatchdogSec=10s
            ExecStart=/opt/probe/bin/probe --flag "two words"
            ExecReload=/bin/kill -HUP $MAINPID
            DynamicUser=yes
            RuntimeDirectory=probe
            StateDirectory=probe
            CacheDirectory=probe
            LogsDirectory=probe
            LoadCredential=token:/etc/probe/token
            SetCredential=greeting:hello
            Environment="MODE=test run"
            ProtectSystem=strict
            PrivateUsers=yes
            [Install]
            WantedBy=multi-user.target
            """;

    /**
     * Every golden case with an expected tree, and every sample that no golden case links to:
     * case name → generated files.
     */
    private static Map<String, Map<String, String>> cases() throws IOException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        List<Path> linked = new ArrayList<>();
        for (Path dir : Specs.goldenCases()) {
            Path expected = dir.resolve("expected");
            if (!Files.isDirectory(expected) || !hasService(expected)) continue;
            out.put(dir.getFileName().toString(), Trees.read(expected));
            Path input = dir.resolve("input.deploy");
            if (Files.isSymbolicLink(input)) linked.add(input.toRealPath());
        }
        for (Path sample : Specs.samples()) {
            if (linked.contains(sample.toRealPath())) continue;
            Compiler.Result r = Specs.compile(sample, sample.toString());
            assertTrue(r.ok(), Specs.rendered(r));
            Map<String, String> files = new TreeMap<>();
            r.files().forEach(f -> files.put(f.path(), f.content()));
            out.put("samples/" + sample.getFileName(), files);
        }
        return out;
    }

    private static boolean hasService(Path tree) throws IOException {
        try (Stream<Path> walk = Files.walk(tree)) {
            return walk.anyMatch(p -> p.toString().endsWith(".service"));
        }
    }

    /** What a golden case says the host provides (its {@code host-provides} file; see {@link Deployment.HostProvides#parse}). */
    private static Deployment.HostProvides hostProvides(String caseName) throws IOException {
        Path file = Path.of("golden-tests", caseName, "host-provides");
        if (!Files.exists(file)) return Deployment.HostProvides.NONE;
        return Deployment.HostProvides.parse(Files.readAllLines(file));
    }
}
