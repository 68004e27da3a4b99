package dev.deployc.validators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.deployc.support.Tools;

/**
 * Runs systemd's own checkers on generated units inside a {@code --root} tree, the way
 * ../shared/notes/systemd.md describes: stub targets, stub executables, units in etc/systemd/system.
 */
final class SystemdAnalyze {

    private static final List<String> STUB_TARGETS = List.of(
            "sysinit", "basic", "shutdown", "sockets", "multi-user", "network", "network-online", "network-pre",
            "nss-lookup", "time-sync", "time-set", "remote-fs", "local-fs", "timers", "paths");
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d)");

    private final Path root;

    private SystemdAnalyze(Path root) {
        this.root = root;
    }

    static void requireInstalled() {
        Tools.require("systemd-analyze", "apt-get install systemd");
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

    Tools.Outcome verify(List<String> unitNames) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify", "--root=" + root, "--man=no", "--recursive-errors=no"));
        unitNames.forEach(u -> cmd.add(root.resolve("etc/systemd/system").resolve(u).toString()));
        return run(cmd);
    }

    Tools.Outcome security(String unitName) throws IOException, InterruptedException {
        return run(List.of("systemd-analyze", "security", "--offline=true", "--root=" + root, "--threshold=20",
                root.resolve("etc/systemd/system").resolve(unitName).toString()));
    }

    static double exposure(Tools.Outcome security) {
        Matcher m = EXPOSURE.matcher(security.output());
        if (!m.find()) {
            throw new AssertionError("no exposure level in:\n" + security.output());
        }
        return Double.parseDouble(m.group(1));
    }

    private Tools.Outcome run(List<String> cmd) throws IOException, InterruptedException {
        return Tools.run(root, Map.of(), cmd, 60);
    }

    private static final Pattern EXEC_LINE = Pattern.compile("^Exec(Start|StartPre|StartPost|Reload|Stop|StopPost|Condition)=(.*)$");

    /** The program of each Exec…= line (verify checks every one), unquoted, without systemd's prefixes. */
    static List<String> programs(String unit) {
        List<String> out = new ArrayList<>();
        for (String line : unit.split("\n")) {
            Matcher m = EXEC_LINE.matcher(line);
            if (!m.matches()) continue;
            String program = SystemdWords.split(m.group(2)).get(0).replace("%%", "%").replace("$$", "$");
            out.add(program.replaceFirst("^[-@:+!]+", ""));
        }
        return out;
    }
}
