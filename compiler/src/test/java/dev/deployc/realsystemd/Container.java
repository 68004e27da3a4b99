package dev.deployc.realsystemd;

import dev.deployc.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One systemd 252 booted as PID 1 by systemd-nspawn over a throw-away overlay of the shared base
 * tree, driven from outside with nsenter (../shared/notes/real-systemd.md). Its machine name and
 * cgroups carry this JVM's pid and a counter, so parallel cases and parallel runs never meet.
 * {@link #close} halts it and removes its cgroups; a JVM shutdown hook closes whatever is left.
 */
final class Container implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<Container> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean closing;
    private static final List<String> HIERARCHIES = List.of("/sys/fs/cgroup/unified", "/sys/fs/cgroup/systemd");

    final String machine;
    private final Path log;
    private final List<Path> cgroups = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Process launcher;
    private boolean closed;
    private volatile long init = -1;

    private Container(String machine, Path log) {
        this.machine = machine;
        this.log = log;
    }

    /** Boots a container with {@code caseDir} at /case, and waits until systemd says it is running. */
    static Container boot(Host host, Path caseDir) throws Exception {
        String machine = "dc" + ProcessHandle.current().pid() + "x" + COUNTER.incrementAndGet();
        Container c = new Container(machine, caseDir.resolveSibling(caseDir.getFileName() + ".console.log"));
        OPEN.add(c);
        try {
            if (closing) throw new IllegalStateException("the JVM is shutting down");
            c.start(host, caseDir);
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private void start(Host host, Path caseDir) throws Exception {
        for (Path h : hierarchies()) {
            cgroups.add(Files.createDirectory(h.resolve("deployc-" + machine)));
        }
        List<String> cmd = new ArrayList<>(List.of("sh", Host.RESOURCES.resolve("launch.sh").toString(),
                host.baseTree.toString(), caseDir.toAbsolutePath().toString(), machine));
        cgroups.forEach(cg -> cmd.add(cg.toString()));
        synchronized (this) {   // close() on another thread (the shutdown hook) must never miss a launch
            if (closed) throw new IllegalStateException("closed while booting");
            launcher = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (init < 0 && System.nanoTime() < deadline && launcher.isAlive()) {
            init = initPid();
            if (init < 0) Thread.sleep(25);
        }
        if (init < 0) throw new AssertionError("systemd did not start in the container:\n" + console());
        String state = "";
        while (System.nanoTime() < deadline) {
            state = exec(10, "systemctl", "is-system-running").output().strip();
            if (state.equals("running") || state.equals("degraded")) return;
            Thread.sleep(25);
        }
        throw new AssertionError("the container's systemd never reached running (last: " + state + ")\n" + console());
    }

    /** Pure cgroup2 hosts have one hierarchy at /sys/fs/cgroup; hybrid ones a unified and a name=systemd one. */
    private static List<Path> hierarchies() {
        List<Path> out = new ArrayList<>();
        for (String h : HIERARCHIES) {
            if (Files.isWritable(Path.of(h, "cgroup.procs"))) out.add(Path.of(h));
        }
        if (out.isEmpty() && Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))) out.add(Path.of("/sys/fs/cgroup"));
        return out;
    }

    /** nspawn forks a short-lived helper first: the init is the descendant whose command is systemd. */
    private long initPid() {
        try (Stream<ProcessHandle> all = launcher.descendants()) {
            for (ProcessHandle p : all.toList()) {
                if (comm(p.pid()).equals("systemd") && p.parent().map(q -> comm(q.pid()).equals("systemd-nspawn")).orElse(false)) {
                    return p.pid();
                }
            }
        }
        return -1;
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs a command inside all of the container's namespaces, bounded by {@code seconds}. */
    Tools.Outcome exec(int seconds, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("timeout", "-k", "5", String.valueOf(seconds), "nsenter", "-t", String.valueOf(init), "-a"));
        cmd.addAll(List.of(command));
        return Tools.run(Path.of("."), Map.of(), cmd, seconds + 30);
    }

    Tools.Outcome systemctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("systemctl", "--no-pager"));
        cmd.addAll(List.of(args));
        return exec(120, cmd.toArray(String[]::new));
    }

    /** The given properties of a unit, as a map. */
    Map<String, String> show(String unit, String... properties) throws IOException, InterruptedException {
        Tools.Outcome o = systemctl("show", unit, "-p", String.join(",", properties));
        Map<String, String> out = new java.util.TreeMap<>();
        for (String line : o.output().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }

    String journal(String unit) throws IOException, InterruptedException {
        return exec(30, "journalctl", "--no-pager", "-o", "cat", "-u", unit).output();
    }

    String console() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** One SIGTERM halts the container cleanly; if it does not, its init and nspawn are killed. */
    @Override
    public void close() {
        Process launcher;
        synchronized (this) {
            closed = true;
            launcher = this.launcher;
        }
        try {
            if (launcher != null && launcher.isAlive()) {
                launcher.destroy();
                launcher.waitFor(20, TimeUnit.SECONDS);
            }
            // nspawn may be gone (killed by `timeout`, or by us) while the container's init lives on:
            // SIGKILL to it from outside ends the whole container.
            if (init > 0) {
                ProcessHandle.of(init).filter(p -> comm(init).startsWith("systemd")).ifPresent(ProcessHandle::destroyForcibly);
            }
            if (launcher != null) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
                launcher.waitFor(10, TimeUnit.SECONDS);
            }
            if (init > 0) {
                for (int i = 0; i < 300 && ProcessHandle.of(init).map(ProcessHandle::isAlive).orElse(false); i++) Thread.sleep(50);
            }
            for (Path cg : cgroups) removeCgroup(cg);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            OPEN.remove(this);
        }
    }

    /** nspawn leaves payload/ and supervisor/ below our cgroup: remove depth-first, retrying while they drain. */
    private static void removeCgroup(Path cg) throws InterruptedException {
        for (int attempt = 0; attempt < 100 && Files.exists(cg); attempt++) {
            try (Stream<Path> walk = Files.walk(cg)) {
                for (Path d : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(d);
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
    }

    /**
     * For the shutdown hook: halts every container, refuses new ones, then removes any cgroup of this
     * JVM a container being booted at that instant may have left.
     */
    /**
     * Removes what runs of killed JVMs left (a JVM killed outright runs no hook): cgroups named for a
     * pid that is no longer alive. Their containers are gone by then ({@code timeout} ends them).
     */
    static void sweepStale() {
        for (Path h : hierarchies()) {
            try (Stream<Path> list = Files.list(h)) {
                for (Path cg : list.filter(p -> p.getFileName().toString().matches("deployc-dc\\d+x\\d+")).toList()) {
                    String name = cg.getFileName().toString();
                    long pid = Long.parseLong(name.substring("deployc-dc".length(), name.indexOf('x')));
                    if (ProcessHandle.of(pid).isEmpty()) removeCgroup(cg);
                }
            } catch (IOException e) {
                // best effort
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void closeAll() {
        closing = true;
        List.copyOf(OPEN).parallelStream().forEach(Container::close);
        String mine = "deployc-dc" + ProcessHandle.current().pid() + "x";
        for (Path h : hierarchies()) {
            try (Stream<Path> list = Files.list(h)) {
                for (Path cg : list.filter(p -> p.getFileName().toString().startsWith(mine)).toList()) removeCgroup(cg);
            } catch (IOException e) {
                // best effort: the hook must not throw
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
