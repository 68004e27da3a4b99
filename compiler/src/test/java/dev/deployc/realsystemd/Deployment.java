package dev.deployc.realsystemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A case's generated files laid out for install.sh under a host directory that the container sees
 * at /case, with what an operator provides on a fresh host and nothing more: the stand-in daemon
 * at every program path the units start, the accounts that no sysusers.d file of the case creates,
 * required environment files, and credential sources. Directories a unit needs writable are
 * deliberately not created (a fresh host has none), except those a case lists in its
 * {@code host-provides} file, each of which must be a writable path of one of its units.
 */
final class Deployment {

    static final String CREDENTIAL = "deployc-credential:";
    private static final List<String> EXEC_KEYS = List.of("Service.ExecStart", "Service.ExecStartPre", "Service.ExecStartPost",
            "Service.ExecCondition", "Service.ExecReload", "Service.ExecStop", "Service.ExecStopPost", "Socket.ExecStartPre",
            "Socket.ExecStartPost", "Socket.ExecStopPre", "Socket.ExecStopPost");

    final String name;
    final Path dir;
    final List<Unit> units = new ArrayList<>();
    final Set<String> accounts = new TreeSet<>();
    final List<String> hostNotes = new ArrayList<>();
    private final Path files;

    private Deployment(String name, Path dir) {
        this.name = name;
        this.dir = dir;
        this.files = dir.resolve("files");
    }

    /**
     * Lays out {@code generated} (path relative to the output tree → text) in a new directory under
     * {@code work}. Files under {@code systemd/}, {@code sysusers.d/} and {@code sysctl.d/} are installed.
     */
    static Deployment prepare(Host host, String name, Map<String, String> generated, List<String> hostProvides) throws IOException {
        Deployment d = new Deployment(name, Files.createTempDirectory(host.work, name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"));
        Files.createDirectories(d.files.resolve("etc/systemd/system"));
        Files.createDirectories(d.files.resolve("etc/deployc-probe"));
        Set<String> sysusers = new LinkedHashSet<>();
        for (Map.Entry<String, String> f : new java.util.TreeMap<>(generated).entrySet()) {
            String path = f.getKey();
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (path.contains("systemd/") && (file.endsWith(".service") || file.endsWith(".socket"))) {
                d.units.add(Unit.parse(file, f.getValue()));
                d.write("etc/systemd/system/" + file, f.getValue(), "rw-r--r--");
            } else if (path.contains("sysusers.d/")) {
                d.write("etc/sysusers.d/" + file, f.getValue(), "rw-r--r--");
                sysusers.add(f.getValue());
            } else if (path.contains("sysctl.d/")) {
                d.write("etc/sysctl.d/" + file, f.getValue(), "rw-r--r--");
            }
        }
        d.provide(host, String.join("\n", sysusers), hostProvides);
        return d;
    }

    private void provide(Host host, String sysusers, List<String> hostProvides) throws IOException {
        Set<String> mains = new TreeSet<>();
        Set<String> exits = new TreeSet<>();
        Set<String> probed = new TreeSet<>();
        Set<String> writable = new TreeSet<>();
        for (Unit u : units) {
            for (String key : EXEC_KEYS) {
                for (String program : u.programs(key)) {
                    if (!program.startsWith("/") || program.contains("%") || exists(host.baseTree, program)) continue;
                    boolean main = key.equals("Service.ExecStart") && !u.get("Service.Type", "simple").equals("oneshot");
                    (main ? mains : exits).add(program);
                }
            }
            for (String key : List.of("Service.User", "Service.Group", "Socket.SocketUser", "Socket.SocketGroup")) {
                String account = u.get(key, "");
                if (account.isEmpty() || account.matches("\\d+") || u.yes("Service.DynamicUser")) continue;
                boolean group = key.endsWith("Group");
                if (!known(host.baseTree, account, group, sysusers)) accounts.add((group ? "g " : "u ") + account + " -");
            }
            for (String g : u.words("Service.SupplementaryGroups")) {
                if (!known(host.baseTree, g, true, sysusers)) accounts.add("g " + g + " -");
            }
            for (String env : u.all("Service.EnvironmentFile")) {
                if (env.startsWith("-") || env.contains("*") || env.contains("?") || env.contains("%")) continue;
                write(env.substring(1), "# provided by the test host\n", "rw-r--r--");
                hostNotes.add("environment file " + env);
            }
            for (String cred : u.all("Service.LoadCredential")) {
                int colon = cred.indexOf(':');
                String id = colon < 0 ? cred : cred.substring(0, colon);
                String source = colon < 0 ? "/etc/credstore/" + id : cred.substring(colon + 1);
                if (source.contains("%") || !source.startsWith("/")) continue;
                write(source.substring(1), CREDENTIAL + id, "rw-------");
                hostNotes.add("credential source " + source);
            }
            for (String key : List.of("Service.ReadWritePaths", "Service.ReadOnlyPaths")) {
                for (String p : u.words(key)) probed.add(path(p));
            }
            u.words("Service.ReadWritePaths").forEach(p -> writable.add(path(p)));
            u.words("Service.WorkingDirectory").forEach(p -> writable.add(path(p)));
        }
        for (String p : exits) {
            if (mains.contains(p)) throw new AssertionError(p + " is both a main program and a command that must exit: the stand-in cannot be both");
        }
        accounts.removeIf(a -> a.startsWith("g ") && accounts.contains("u " + a.substring(2)));
        for (String p : hostProvides) {
            if (!writable.contains(p)) throw new AssertionError("host-provides lists " + p + ", which is no writable path or working directory of " + name);
            Files.createDirectories(files.resolve(p.substring(1)));
            hostNotes.add("directory " + p + " (host-provides)");
        }
        for (String p : union(mains, exits)) {
            Path target = files.resolve(p.substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(host.probe, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(files.resolve("usr/local/bin"));
        Files.copy(host.probe, files.resolve("usr/local/bin/deployc-probe"), StandardCopyOption.REPLACE_EXISTING);
        write("etc/deployc-probe/exit", lines(exits), "rw-r--r--");
        write("etc/deployc-probe/paths", lines(probed), "rw-r--r--");
        Files.writeString(dir.resolve("accounts"), lines(accounts));
        Files.copy(Host.RESOURCES.resolve("install.sh"), dir.resolve("install.sh"));
        if (!accounts.isEmpty()) hostNotes.add("accounts " + accounts);
    }

    /** A path word of ReadWritePaths= and the like, without its {@code -} and {@code +} prefixes. */
    static String path(String word) {
        String p = word;
        while (p.startsWith("-") || p.startsWith("+")) p = p.substring(1);
        return p;
    }

    /** Installs {@code text} as {@code unitName} while expectations stay those of the generated unit (negative controls). */
    void tamper(String unitName, String text) throws IOException {
        write("etc/systemd/system/" + unitName, text, "rw-r--r--");
    }

    Unit unit(String unitName) {
        return units.stream().filter(u -> u.name().equals(unitName)).findFirst().orElse(null);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static String lines(Set<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static boolean exists(Path tree, String absolute) {
        Path p = tree.resolve(absolute.substring(1));
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(p)) return true;
        // merged /usr: /bin, /sbin and /lib are relative links into usr/ in the base tree
        for (String top : List.of("bin/", "sbin/", "lib/")) {
            if (absolute.startsWith("/" + top) && Files.exists(tree.resolve("usr/" + absolute.substring(1)))) return true;
        }
        return Files.exists(p);
    }

    private static boolean known(Path tree, String name, boolean group, String sysusers) throws IOException {
        for (String line : Files.readAllLines(tree.resolve(group ? "etc/group" : "etc/passwd"))) {
            if (line.startsWith(name + ":")) return true;
        }
        for (String line : sysusers.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && f[1].equals(name) && (f[0].equals("u") || (group && (f[0].equals("g") || f[0].equals("m"))))) return true;
            if (group && f.length >= 3 && f[0].equals("m") && f[2].equals(name)) return true;
        }
        return false;
    }

    private void write(String relative, String text, String mode) throws IOException {
        Path target = files.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
    }
}
