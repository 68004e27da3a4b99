package dev.deployc.validators;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs systemd's own checkers on generated units inside a {@code --root} tree, the way
 * ../shared/notes/systemd.md describes: stub targets, stub executables, units in etc/systemd/system.
 */
final class SystemdAnalyze {

    record Outcome(int exitCode, String output) {}

    private static final List<String> STUB_TARGETS = List.of(
            "sysinit", "basic", "shutdown", "sockets", "multi-user", "network", "network-online", "network-pre",
            "nss-lookup", "time-sync", "time-set", "remote-fs", "local-fs", "timers", "paths");
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d)");

    private final Path root;

    private SystemdAnalyze(Path root) {
        this.root = root;
    }

    static void requireInstalled() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/systemd-analyze")) || Files.isExecutable(Path.of("/bin/systemd-analyze"));
        Assumptions.assumeTrue(present, "systemd-analyze is not installed here; .ci/run installs it with apt-get (package systemd)");
    }

    /** A root tree holding {@code units} (file name → text) and a stub for every program they start. */
    static SystemdAnalyze rootWith(Path dir, Map<String, String> units) throws IOException {
        Path unitDir = Files.createDirectories(dir.resolve("etc/systemd/system"));
        Path libDir = Files.createDirectories(dir.resolve("usr/lib/systemd/system"));
        for (String target : STUB_TARGETS) {
            Files.writeString(libDir.resolve(target + ".target"), "[Unit]\n");
        }
        for (Map.Entry<String, String> unit : units.entrySet()) {
            Files.writeString(unitDir.resolve(unit.getKey()), unit.getValue());
            for (String program : programs(unit.getValue())) {
                Path stub = dir.resolve(program.substring(1));
                Files.createDirectories(stub.getParent());
                Files.writeString(stub, "");
                Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return new SystemdAnalyze(dir);
    }

    Outcome verify(List<String> unitNames) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify", "--root=" + root, "--man=no", "--recursive-errors=no"));
        unitNames.forEach(u -> cmd.add(root.resolve("etc/systemd/system").resolve(u).toString()));
        return run(cmd);
    }

    Outcome security(String unitName) throws IOException, InterruptedException {
        return run(List.of("systemd-analyze", "security", "--offline=true", "--root=" + root, "--threshold=20",
                root.resolve("etc/systemd/system").resolve(unitName).toString()));
    }

    static double exposure(Outcome security) {
        Matcher m = EXPOSURE.matcher(security.output());
        if (!m.find()) {
            throw new AssertionError("no exposure level in:\n" + security.output());
        }
        return Double.parseDouble(m.group(1));
    }

    private static Outcome run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The program of each ExecStart= line, unquoted. */
    static List<String> programs(String unit) {
        List<String> out = new ArrayList<>();
        for (String line : unit.split("\n")) {
            if (!line.startsWith("ExecStart=")) continue;
            String rest = line.substring("ExecStart=".length());
            out.add(SystemdWords.split(rest).get(0).replace("%%", "%").replace("$$", "$"));
        }
        return out;
    }
}
