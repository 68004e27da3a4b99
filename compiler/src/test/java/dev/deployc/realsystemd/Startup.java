package dev.deployc.realsystemd;

import dev.deployc.support.Tools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs one case in a fresh container and starts everything it generated, as an operator would:
 * sockets first (their services must wait for a connection, then start), then every other
 * service. Each must run with ExecMainStatus=0, no restarts and no failed unit, keep the unit's
 * promises ({@link Promises}), reload if it says it can, and stop within its timeout.
 * Any failure is an AssertionError naming the unit, with its status and journal.
 */
final class Startup {

    /** What a case started: services that really ran, and what the host had to provide or could not apply. */
    record Outcome(String name, int services, List<String> notes, long millis) {}

    private static final Pattern REPORT = Pattern.compile("(?m)^DEPLOYC-PROBE report (\\{.*\\})$");
    private static final String[] STATE = {"ActiveState", "SubState", "Result", "ExecMainCode", "ExecMainStatus", "NRestarts", "ConditionResult",
            "ConditionTimestampMonotonic"};

    static final String INSTANCE = "deployc";

    private final Container c;
    private final Deployment d;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, List<String>> fdNames = new LinkedHashMap<>();
    private final java.util.Set<String> skippedSysctl = new java.util.TreeSet<>();
    private int started;

    private Startup(Container c, Deployment d) {
        this.c = c;
        this.d = d;
    }

    static Outcome run(Host host, Deployment d) throws Exception {
        long t0 = System.nanoTime();
        try (Container c = Container.boot(host, d.dir)) {
            Startup s = new Startup(c, d);
            s.check();
            return new Outcome(d.name, s.started, List.copyOf(s.notes), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private void check() throws Exception {
        notes.addAll(d.hostNotes);
        Tools.Outcome install = c.exec(120, "sh", "/case/install.sh");
        if (install.exitCode() != 0) throw new AssertionError(d.name + ": installing failed:\n" + install.output());
        install.output().lines().filter(l -> l.startsWith("sysctl-skipped ")).forEach(l -> {
            notes.add("not applied in a container: " + l.substring(15));
            skippedSysctl.add(l.substring(15, l.indexOf('=')));
        });
        assertNoFailedUnits("after installing");
        List<String> enable = new ArrayList<>(List.of("enable"));
        d.units.stream().filter(u -> !u.isTemplate() && u.text().contains("\n[Install]")).forEach(u -> enable.add(u.name()));
        if (enable.size() > 1) {
            Tools.Outcome o = c.systemctl(enable.toArray(String[]::new));
            if (o.exitCode() != 0) throw new AssertionError(d.name + ": systemctl enable failed:\n" + o.output());
        }

        List<Unit> sockets = d.units.stream().filter(Unit::isSocket).toList();
        Map<String, List<Unit>> socketsOf = new LinkedHashMap<>();
        for (Unit s : sockets) {
            String service = s.yes("Socket.Accept") ? s.stem() + "@.service" : s.get("Socket.Service", s.stem() + ".service");
            socketsOf.computeIfAbsent(service, k -> new ArrayList<>()).add(s);
        }
        // A template that no Accept=yes socket instantiates is started as one instance, like any service.
        List<Unit> services = d.units.stream().filter(Unit::isService)
                .map(u -> u.isTemplate() && !socketsOf.containsKey(u.name()) ? u.instance(INSTANCE) : u).toList();
        for (Unit s : sockets) {
            String service = s.yes("Socket.Accept") ? s.stem() + "@.service" : s.get("Socket.Service", s.stem() + ".service");
            for (int i = 0; i < Endpoints.of(s).size(); i++) {
                fdNames.computeIfAbsent(service, k -> new ArrayList<>()).add(s.get("Socket.FileDescriptorName", s.name()));
            }
            Tools.Outcome start = c.systemctl("start", s.name());
            if (start.exitCode() != 0 || !state(s.name()).get("ActiveState").equals("active")) fail(s.name(), "did not start: " + start.output());
        }
        for (Unit svc : services) {
            if (!svc.isTemplate() && socketsOf.containsKey(svc.name()) && !state(svc.name()).get("ActiveState").equals("inactive")) {
                fail(svc.name(), "is socket-activated, but ran before any connection");
            }
        }
        for (Map.Entry<String, List<Unit>> e : socketsOf.entrySet()) {
            for (Unit s : e.getValue()) connect(s, e.getKey());
            if (e.getKey().contains("@.")) started++;
            else awaitActive(e.getKey());
        }
        for (Unit svc : services) {
            if (svc.isTemplate() || state(svc.name()).get("ActiveState").equals("active")) continue;
            Tools.Outcome start = c.systemctl("start", svc.name());
            if (start.exitCode() != 0) fail(svc.name(), "failed to start: " + start.output().strip());
        }
        for (Unit svc : services) {
            if (!svc.isTemplate()) checkRunning(svc);
        }
        for (Unit svc : services) {
            if (!svc.isTemplate() && !svc.all("Service.ExecReload").isEmpty() && !oneshot(svc)) reload(svc);
        }
        assertNoFailedUnits("with everything started");
        assertLoadedWithoutWarnings();   // systemd loads a unit, and warns, when it is first used
        for (int i = services.size() - 1; i >= 0; i--) {
            if (!services.get(i).isTemplate() && !oneshot(services.get(i))) stop(services.get(i));
        }
        assertNoFailedUnits("after stopping");
    }

    private void connect(Unit socket, String service) throws Exception {
        String name = socket.get("Socket.FileDescriptorName", socket.name());
        for (Endpoints.Endpoint ep : Endpoints.of(socket)) {
            Tools.Outcome o = c.exec(30, "/usr/local/bin/deployc-probe", "--deployc-probe-dial", ep.network(), ep.address());
            String reply = o.output().strip();
            String expected = "PONG name=" + (socket.yes("Socket.Accept") ? "connection" : name) + " ";
            if (o.exitCode() != 0 || !reply.startsWith(expected)) {
                fail(service, "a connection to " + ep + " of " + socket.name() + " should reach a descriptor named "
                        + expected.substring(10).strip() + ", got: " + reply);
            }
        }
    }

    private void awaitActive(String service) throws Exception {
        Map<String, String> st = state(service);
        for (int i = 0; i < 200 && st.get("ActiveState").equals("activating"); i++) {
            Thread.sleep(50);
            st = state(service);
        }
        if (!st.get("ActiveState").equals("active")) fail(service, "should be active after a connection, is " + st);
    }

    private void checkRunning(Unit svc) throws Exception {
        String name = svc.name();
        Map<String, String> before = state(name);
        String log = c.journal(name);
        if (before.get("ConditionResult").equals("no") && !before.get("ConditionTimestampMonotonic").equals("0")
                || log.contains("skipped because of an unmet condition check") || log.contains("Skipped due to 'exec-condition'")) {
            fail(name, "was skipped: a start condition failed");
        }
        Map<String, Object> report = null;
        for (int i = 0; i < 200 && report == null; i++) {
            Matcher m = REPORT.matcher(c.journal(name));
            String last = null;
            while (m.find()) last = m.group(1);
            if (last != null) report = castMap(MiniJson.parse(last));
            else Thread.sleep(50);
        }
        Map<String, String> st = state(name);
        if (report == null) fail(name, "the daemon never reported (" + st + ")");
        // A finished oneshot may be unloaded at once, and its status with it: systemd's own line says how it ended.
        boolean ok = oneshot(svc)
                ? svc.yes("Service.RemainAfterExit")
                        ? st.get("ActiveState").equals("active") && st.get("Result").equals("success") && st.get("ExecMainStatus").equals("0")
                        : c.journal(name).contains(name + ": Deactivated successfully.") && !st.get("ActiveState").equals("failed")
                : st.get("ActiveState").equals("active") && st.get("SubState").equals("running") && st.get("NRestarts").equals("0");
        if (!ok) fail(name, "is not running cleanly: " + st);
        started++;
        int uid = svc.get("Service.User", "").isEmpty() || svc.yes("Service.DynamicUser") ? -1 : id("-u", svc.get("Service.User", ""));
        int gid = svc.get("Service.Group", "").isEmpty() || svc.yes("Service.DynamicUser") ? -1 : group(svc.get("Service.Group", ""));
        List<String> names = new ArrayList<>(fdNames.getOrDefault(name, List.of()));
        names.sort(null);
        List<String> broken = new ArrayList<>();
        for (String b : Promises.broken(svc, report, uid, gid, names, skippedSysctl)) {
            if (b.startsWith(Promises.NOTE)) notes.add(name + ": " + b.substring(Promises.NOTE.length())); else broken.add(b);
        }
        Map<String, Object> paths = castMap(report.get("paths"));
        for (String p : d.dataDirectories.getOrDefault(svc.isTemplate() ? svc.name() : name, List.of())) {
            Object info = paths.get(p);
            Object write = info == null ? "not probed" : castMap(info).get("write");
            if (!"ok".equals(write)) broken.add("its configuration names " + p + " (host-provides data), which it cannot write: " + write);
        }
        if (!broken.isEmpty()) fail(name, "breaks what the unit promises:\n  " + String.join("\n  ", broken));
    }

    private void reload(Unit svc) throws Exception {
        String signal = reloadSignal(svc);
        Tools.Outcome o = c.systemctl("reload", svc.name());
        if (o.exitCode() != 0) fail(svc.name(), "reload failed: " + o.output());
        for (int i = 0; i < 100; i++) {
            if (c.journal(svc.name()).contains("DEPLOYC-PROBE reload 1 on " + signal)) return;
            Thread.sleep(50);
        }
        fail(svc.name(), "systemctl reload succeeded, but the daemon never saw " + signal);
    }

    /**
     * The signal ExecReload= should deliver: the one a {@code kill} line names (SIGTERM if none);
     * SIGHUP when the line runs the daemon's own program (the stand-in's reload client sends it)
     * and for anything else.
     */
    static String reloadSignal(Unit svc) {
        List<String> lines = svc.all("Service.ExecReload");
        List<String> w = dev.deployc.validators.SystemdWordsAccess.split(lines.get(0));
        if (!Unit.stripPrefixes(w.get(0)).matches("(/usr)?/bin/kill")) return "SIGHUP";
        for (int i = 1; i < w.size(); i++) {
            String a = w.get(i);
            if ((a.equals("-s") || a.equals("--signal")) && i + 1 < w.size()) return signal(w.get(i + 1));
            if (a.matches("-[A-Za-z][A-Za-z0-9+]*")) return signal(a.substring(1));
        }
        return "SIGTERM";
    }

    private static String signal(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        return n.startsWith("SIG") ? n : "SIG" + n;
    }

    private void stop(Unit svc) throws Exception {
        long limit = Durations.seconds(svc.get("Service.TimeoutStopSec", "90s"));
        long t0 = System.nanoTime();
        Tools.Outcome o = c.systemctl("stop", svc.name());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Map<String, String> st = state(svc.name());
        if (o.exitCode() != 0 || !st.get("Result").equals("success") || !st.get("ExecMainStatus").equals("0")) {
            fail(svc.name(), "did not stop cleanly: " + st + " " + o.output());
        }
        if (ms > limit * 1000) fail(svc.name(), "took " + ms + " ms to stop, TimeoutStopSec is " + limit + " s");
        String signal = signal(svc.get("Service.KillSignal", "SIGTERM"));
        if (!c.journal(svc.name()).contains("DEPLOYC-PROBE stopping on " + signal)) fail(svc.name(), "was stopped without " + signal + " reaching it");
    }

    /** systemd's own complaints while loading a unit file ("…: X= only makes sense for template units, ignoring"). */
    private void assertLoadedWithoutWarnings() throws Exception {
        String journal = c.exec(30, "journalctl", "--no-pager", "-b", "-o", "cat").output();
        List<String> warnings = new ArrayList<>();
        for (Unit u : d.units) {
            String prefix = "/etc/systemd/system/" + u.name() + ":";
            journal.lines().filter(l -> l.startsWith(prefix)).distinct().forEach(warnings::add);
        }
        if (!warnings.isEmpty()) throw new AssertionError(d.name + ": systemd warned while loading the units:\n  " + String.join("\n  ", warnings));
    }

    private void assertNoFailedUnits(String when) throws Exception {
        String failed = c.systemctl("list-units", "--all", "--failed", "--plain", "--no-legend").output().strip();
        if (!failed.isEmpty()) throw new AssertionError(d.name + ": failed units " + when + ":\n" + failed + "\n" + status(failed.split("\\s+")[0]));
    }

    private Map<String, String> state(String unit) throws Exception {
        return c.show(unit, STATE);
    }

    private int id(String flag, String user) throws Exception {
        Tools.Outcome o = c.exec(10, "id", flag, user);
        if (o.exitCode() != 0) throw new AssertionError(d.name + ": " + user + " does not exist in the container: " + o.output());
        return Integer.parseInt(o.output().strip());
    }

    private int group(String name) throws Exception {
        Tools.Outcome o = c.exec(10, "getent", "group", name);
        if (o.exitCode() != 0) throw new AssertionError(d.name + ": group " + name + " does not exist in the container");
        return Integer.parseInt(o.output().split(":")[2].strip());
    }

    private static boolean oneshot(Unit svc) {
        return svc.get("Service.Type", "simple").equals("oneshot");
    }

    private String status(String unit) throws Exception {
        return c.systemctl("status", "--lines=0", unit).output() + "\n--- journal of " + unit + ":\n" + c.journal(unit);
    }

    private void fail(String unit, String why) throws Exception {
        throw new AssertionError(d.name + ": " + unit + " " + why + "\n" + status(unit));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
