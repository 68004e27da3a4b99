package dev.deployc.realsystemd;

import dev.deployc.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What booting a real systemd needs from this machine, checked once per JVM: root, systemd-nspawn,
 * nsenter, Go, and the cached Debian base tree (built by base-tree.sh on first use). The stand-in
 * daemon is built here too. Anything missing fails under CI=true and skips elsewhere, with its reason.
 */
final class Host {

    static final Path RESOURCES = Path.of("compiler/src/test/resources/systemd");

    private static Host instance;

    final Path baseTree;
    final Path probe;
    final Path work;

    private Host(Path baseTree, Path probe, Path work) {
        this.baseTree = baseTree;
        this.probe = probe;
        this.work = work;
    }

    static synchronized Host require() throws Exception {
        if (instance != null) return instance;
        Tools.requireRoot("booting systemd in a container needs root");
        Tools.require("systemd-nspawn", "apt-get install systemd-container");
        Tools.require("nsenter", "apt-get install util-linux");
        Tools.require("timeout", "apt-get install coreutils");
        Tools.require("go", "apt-get install golang-go");
        Tools.require("debootstrap", "apt-get install debootstrap");
        Container.sweepStale();
        sweepStaleWork();
        Path work = Files.createTempDirectory("deployc-systemd-" + ProcessHandle.current().pid() + "-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Container.closeAll();
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    dev.deployc.support.Trees.delete(work);
                    return;
                } catch (IOException e) {
                    // a case being prepared may still be writing into it: try again
                }
            }
        }));
        Path tree = baseTree();
        Path probe = work.resolve("probe");
        Tools.Outcome go = Tools.run(RESOURCES.resolve("probe"), Map.of("CGO_ENABLED", "0", "GOFLAGS", ""),
                List.of("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", probe.toAbsolutePath().toString(), "."), 300);
        if (go.exitCode() != 0) throw new AssertionError("building the stand-in daemon failed:\n" + go.output());
        instance = new Host(tree, probe, work);
        return instance;
    }

    /** Temp directories of runs whose JVM is gone (named deployc-systemd-PID-…). */
    private static void sweepStaleWork() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (java.util.stream.Stream<Path> list = Files.list(tmp)) {
            for (Path dir : list.filter(p -> p.getFileName().toString().matches("deployc-systemd-\\d+-\\d+")).toList()) {
                long pid = Long.parseLong(dir.getFileName().toString().split("-")[2]);
                if (ProcessHandle.of(pid).isEmpty()) dev.deployc.support.Trees.delete(dir);
            }
        }
    }

    /** The base tree, built on first use (about a minute, from the mirror apt is configured with). */
    private static Path baseTree() throws Exception {
        Tools.Outcome built = Tools.run(Path.of("."), Map.of(), List.of("bash", RESOURCES.resolve("base-tree.sh").toString()), 900);
        String[] lines = built.output().strip().split("\n");
        Path tree = Path.of(lines[lines.length - 1].strip());
        if (built.exitCode() != 0 || !Files.isDirectory(tree.resolve("usr/lib/systemd"))) {
            Tools.unavailable("the systemd base tree could not be built by base-tree.sh:\n" + built.output().strip(),
                    ".ci/run builds it", "it needs root, debootstrap and the Debian mirror");
        }
        return tree;
    }
}
