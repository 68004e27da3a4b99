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
 * at every program path the units start (and the list of Exec lines at which it must exit),
 * the accounts that no sysusers.d file of the case creates, required environment files, and
 * credential sources. Directories and configuration are deliberately not created (a fresh host has
 * none), except what a case's {@code host-provides} file names ({@link HostProvides}), each entry
 * something one of its units refers to.
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
    private final List<String> encrypt = new ArrayList<>();
    private final List<String> owners = new ArrayList<>();
    /** Service → data directories its configuration names (host-provides), which it must be able to write. */
    final Map<String, List<String>> dataDirectories = new java.util.TreeMap<>();
    private final Path files;
    private Path baseTree;

    private Deployment(String name, Path dir) {
        this.name = name;
        this.dir = dir;
        this.files = dir.resolve("files");
    }

    /**
     * Lays out {@code generated} (path relative to the output tree → text) in a new directory under
     * {@code work}. Files under {@code systemd/}, {@code sysusers.d/} and {@code sysctl.d/} are installed.
     */
    static Deployment prepare(Host host, String name, Map<String, String> generated, HostProvides hostProvides) throws IOException {
        Deployment d = new Deployment(name, Files.createTempDirectory(host.work, name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"));
        d.baseTree = host.baseTree;
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

    private void provide(Host host, String sysusers, HostProvides hostProvides) throws IOException {
        Set<String> programs = new TreeSet<>();
        List<Command> mains = new ArrayList<>();
        List<Command> commands = new ArrayList<>();
        Set<String> probed = new TreeSet<>();
        Set<String> writable = new TreeSet<>();
        Set<String> fileRefs = new TreeSet<>();
        Set<String> unitRefs = new TreeSet<>();
        for (Unit u : units) {
            for (String key : EXEC_KEYS) {
                for (String line : u.all(key)) {
                    Command c = Command.of(key, u, line);
                    if (c == null || !c.program.startsWith("/") || c.program.contains("%") || exists(host.baseTree, c.program)) continue;
                    programs.add(c.program);
                    (c.kind.equals("main") ? mains : commands).add(c);
                }
            }
            for (String key : List.of("Service.User", "Service.Group", "Socket.SocketUser", "Socket.SocketGroup")) {
                String account = u.isTemplate() ? u.resolve(u.get(key, ""), Startup.INSTANCE) : u.get(key, "");
                if (account.isEmpty() || account.matches("\\d+") || u.yes("Service.DynamicUser")) continue;
                boolean group = key.endsWith("Group");
                if (!known(host.baseTree, account, group, sysusers)) accounts.add((group ? "g " : "u ") + account + " -");
            }
            for (String g : u.words("Service.SupplementaryGroups")) {
                if (!known(host.baseTree, g, true, sysusers)) accounts.add("g " + g + " -");
            }
            for (String env : u.all("Service.EnvironmentFile")) {
                fileRefs.add(path(env));
                if (env.startsWith("-") || env.contains("*") || env.contains("?") || env.contains("%")) continue;
                if (hostProvides.files().containsKey(env)) continue;
                write(env.substring(1), "# provided by the test host\n", "rw-r--r--");
                hostNotes.add("environment file " + env);
            }
            for (Map.Entry<String, String> e : u.settings()) {
                String key = e.getKey();
                if (key.startsWith("Unit.Condition") || key.startsWith("Unit.Assert")) {
                    String v = e.getValue().replaceFirst("^\\|?!?", "");
                    if (v.startsWith("/")) fileRefs.add(v);
                }
                if (key.matches("Unit\\.(Requires|Wants|BindsTo|Requisite|After)")) unitRefs.addAll(List.of(e.getValue().split("\\s+")));
            }
            // a template's instance is started as Startup.INSTANCE; the specifiers the harness knows are resolved for it
            Unit started = u.isTemplate() ? u.instance(Startup.INSTANCE) : u;
            for (String key : List.of("Service.LoadCredential", "Service.LoadCredentialEncrypted")) {
                boolean encrypted = key.endsWith("Encrypted");
                for (String cred : started.all(key)) {
                    cred = Promises.resolveSpecifiers(cred, started.name()).replace("%%", "%");
                    int colon = cred.indexOf(':');
                    String id = colon < 0 ? cred : cred.substring(0, colon);
                    String source = colon < 0 ? (encrypted ? "/etc/credstore.encrypted/" : "/etc/credstore/") + id : cred.substring(colon + 1);
                    if (source.indexOf(Promises.ANY) >= 0 || !source.startsWith("/")) continue;
                    if (encrypted) {
                        // an operator encrypts with the host's key (systemd-creds encrypt), which exists only inside the container
                        Path plain = dir.resolve("plain").resolve(id);
                        Files.createDirectories(plain.getParent());
                        Files.writeString(plain, CREDENTIAL + id);
                        encrypt.add(id + "\t" + source);
                        hostNotes.add("encrypted credential source " + source);
                    } else {
                        write(source.substring(1), CREDENTIAL + id, "rw-------");
                        hostNotes.add("credential source " + source);
                    }
                }
            }
            for (String key : List.of("Service.ReadWritePaths", "Service.ReadOnlyPaths")) {
                for (String p : started.paths(key)) probed.add(path(p));
            }
            started.paths("Service.ReadWritePaths").forEach(p -> writable.add(path(p)));
            started.paths("Service.WorkingDirectory").forEach(p -> writable.add(path(p)));
        }
        for (Command m : mains) {
            for (Command c : commands) {
                if (c.couldMatch(m)) {
                    throw new AssertionError(m.program + " " + m.words + " is both a main program and the command `" + c.line
                            + "` that must exit: the stand-in cannot tell them apart by their arguments");
                }
            }
        }
        accounts.removeIf(a -> a.startsWith("g ") && accounts.contains("u " + a.substring(2)));
        for (String p : hostProvides.directories()) {
            if (!writable.contains(p)) throw new AssertionError("host-provides lists " + p + ", which is no writable path or working directory of " + name);
            Files.createDirectories(files.resolve(inTree(host.baseTree, p)));
            hostNotes.add("directory " + p + " (host-provides)");
        }
        for (Map.Entry<String, String> f : hostProvides.files().entrySet()) {
            String p = f.getKey();
            if (fileRefs.stream().noneMatch(r -> p.equals(r) || p.startsWith(r.endsWith("/") ? r : r + "/"))) {
                throw new AssertionError("host-provides lists the file " + p + ", which is no environment file, condition or assert path"
                        + " (or a file below one) of " + name);
            }
            write(p.substring(1), f.getValue(), "rw-r--r--");
            hostNotes.add("file " + p + " (host-provides)");
        }
        for (String p : hostProvides.dataDirectories()) {
            List<Unit> named = units.stream().filter(u -> u.isService() && configuration(u, hostProvides).contains(p)).toList();
            if (named.isEmpty()) throw new AssertionError("host-provides lists the data directory " + p + ", which the environment of no service of " + name + " names");
            Files.createDirectories(files.resolve(inTree(host.baseTree, p)));
            for (Unit u : named) {
                String user = u.yes("Service.DynamicUser") ? "" : u.get("Service.User", "");
                if (!user.isEmpty()) owners.add(user + ":" + u.get("Service.Group", user) + "\t" + p);
                dataDirectories.computeIfAbsent(u.name(), k -> new ArrayList<>()).add(p);
            }
            probed.add(p);
            hostNotes.add("data directory " + p + " (host-provides)");
        }
        for (String unit : hostProvides.units()) {
            if (!unitRefs.contains(unit)) throw new AssertionError("host-provides lists the unit " + unit + ", which no unit of " + name + " requires, wants or orders after");
            write("etc/systemd/system/" + unit, """
                    [Unit]
                    Description=stand-in for %s, which the host provides (host-provides)
                    [Service]
                    ExecStart=/usr/local/bin/deployc-probe --deployc-probe-host-unit
                    """.formatted(unit.replace("%", "%%")), "rw-r--r--");
            hostNotes.add("unit " + unit + " (host-provides)");
        }
        for (String p : programs) {
            Path target = files.resolve(inTree(host.baseTree, p));
            Files.createDirectories(target.getParent());
            Files.copy(host.probe, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(files.resolve("usr/local/bin"));
        Files.copy(host.probe, files.resolve("usr/local/bin/deployc-probe"), StandardCopyOption.REPLACE_EXISTING);
        List<String> exitLines = new ArrayList<>();
        commands.forEach(c -> exitLines.add(c.exitLine()));
        write("etc/deployc-probe/exit", lines(new java.util.LinkedHashSet<>(exitLines)), "rw-r--r--");
        write("etc/deployc-probe/paths", lines(probed), "rw-r--r--");
        Files.writeString(dir.resolve("accounts"), lines(accounts));
        Files.writeString(dir.resolve("encrypt"), lines(new java.util.LinkedHashSet<>(encrypt)));
        Files.writeString(dir.resolve("owners"), lines(new java.util.LinkedHashSet<>(owners)));
        Files.copy(Host.RESOURCES.resolve("install.sh"), dir.resolve("install.sh"));
        if (!accounts.isEmpty()) hostNotes.add("accounts " + accounts);
    }

    /** A service's configuration as text: its Environment= lines and the content of the environment files the host provides. */
    private static String configuration(Unit u, HostProvides hostProvides) {
        StringBuilder b = new StringBuilder(String.join("\n", u.all("Service.Environment")));
        for (String env : u.all("Service.EnvironmentFile")) b.append('\n').append(hostProvides.files().getOrDefault(path(env), ""));
        return b.toString();
    }

    /**
     * A command line of a unit, as the stand-in must recognise it: its program and the words it
     * passes. A word with a variable or a specifier, and everything after it, may be anything.
     * {@code main} is a long-running ExecStart=; {@code oneshot} the ExecStart= of Type=oneshot
     * (it reports, then exits); {@code command} any other Exec line (exits); {@code reload} an
     * ExecReload= that runs the program itself, which asks the running daemon to reload (SIGHUP to
     * $MAINPID, where the real daemon would use its own control channel).
     */
    record Command(String kind, String program, List<String> words, boolean open, String line) {

        static Command of(String key, Unit u, String line) {
            List<String> w = dev.deployc.validators.SystemdWordsAccess.split(line);
            if (w.isEmpty()) return null;
            String first = w.get(0).replaceAll("^[-:+!]*", "");
            String program = Unit.stripPrefixes(w.get(0)).replace("%%", "%").replace("$$", "$");
            int skip = first.startsWith("@") ? 2 : 1;
            List<String> args = new ArrayList<>();
            boolean open = false;
            for (String a : w.subList(Math.min(skip, w.size()), w.size())) {
                if (a.replace("$$", "").contains("$") || a.replace("%%", "").contains("%")) {
                    open = true;
                    break;
                }
                args.add(a.replace("%%", "%").replace("$$", "$"));
            }
            boolean oneshot = u.get("Service.Type", "simple").equals("oneshot");
            String kind = key.equals("Service.ExecStart") ? (oneshot ? "oneshot" : "main") : key.equals("Service.ExecReload") ? "reload" : "command";
            return new Command(kind, program, List.copyOf(args), open, line);
        }

        /** Whether an invocation of {@code main} could be taken for this command. */
        boolean couldMatch(Command main) {
            if (!program.equals(main.program)) return false;
            int n = Math.min(words.size(), main.words.size());
            if (!words.subList(0, n).equals(main.words.subList(0, n))) return false;
            return words.size() == main.words.size() || open && words.size() <= main.words.size() || main.open && main.words.size() <= words.size();
        }

        /** KIND TAB PROGRAM (TAB WORD)* [TAB *]: the stand-in's /etc/deployc-probe/exit. */
        String exitLine() {
            List<String> f = new ArrayList<>(List.of(kind, program));
            f.addAll(words);
            if (open) f.add("*");
            return String.join("\t", f);
        }
    }

    /** What a golden case's host-provides file names: directories, files with their content, and units the host runs. */
    record HostProvides(List<String> directories, Map<String, String> files, List<String> units, List<String> dataDirectories) {

        static final HostProvides NONE = new HostProvides(List.of(), Map.of(), List.of(), List.of());

        /**
         * One entry a line ({@code #} comments): a bare absolute path is a directory; {@code file PATH}
         * is a file whose content is the indented lines that follow (indent removed); {@code unit NAME}
         * is a unit the host runs (a stand-in service is installed under that name); {@code data PATH} is
         * a directory the service's own configuration names (a value of its environment, e.g. from an
         * environment file above), owned by its user: the service must be able to write it.
         */
        static HostProvides parse(List<String> lines) {
            List<String> dirs = new ArrayList<>();
            Map<String, StringBuilder> files = new java.util.LinkedHashMap<>();
            List<String> units = new ArrayList<>();
            List<String> data = new ArrayList<>();
            StringBuilder current = null;
            for (String raw : lines) {
                if (current != null && (raw.startsWith(" ") || raw.startsWith("\t"))) {
                    current.append(raw.strip()).append('\n');
                    continue;
                }
                current = null;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                if (line.startsWith("file ")) {
                    current = new StringBuilder();
                    files.put(line.substring(5).strip(), current);
                } else if (line.startsWith("data ")) {
                    data.add(line.substring(5).strip());
                } else if (line.startsWith("unit ")) {
                    units.add(line.substring(5).strip());
                } else if (line.startsWith("/")) {
                    dirs.add(line);
                } else {
                    throw new AssertionError("host-provides: not a directory, `file PATH`, `data PATH` or `unit NAME`: " + line);
                }
            }
            Map<String, String> text = new java.util.LinkedHashMap<>();
            files.forEach((k, v) -> text.put(k, v.toString()));
            return new HostProvides(List.copyOf(dirs), text, List.copyOf(units), List.copyOf(data));
        }
    }

    /**
     * Where {@code absolute} lands when copied over the base tree: through its symbolic links
     * (Debian's merged /usr makes /sbin a link to usr/sbin, and cp cannot put a directory over a link).
     */
    static String inTree(Path tree, String absolute) throws IOException {
        String[] parts = absolute.substring(1).split("/");
        List<String> done = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            done.add(parts[i]);
            Path p = tree.resolve(String.join("/", done));
            if (i < parts.length - 1 && Files.isSymbolicLink(p)) {
                String target = Files.readSymbolicLink(p).toString();
                List<String> resolved = new ArrayList<>(target.startsWith("/") ? List.of() : done.subList(0, done.size() - 1));
                for (String t : target.split("/")) {
                    if (t.isEmpty() || t.equals(".")) continue;
                    if (t.equals("..")) { if (!resolved.isEmpty()) resolved.remove(resolved.size() - 1); } else resolved.add(t);
                }
                String rest = String.join("/", java.util.Arrays.asList(parts).subList(i + 1, parts.length));
                return inTree(tree, "/" + String.join("/", resolved) + "/" + rest);
            }
        }
        return String.join("/", done);
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
        Path target = files.resolve(baseTree == null ? relative : inTree(baseTree, "/" + relative));
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
    }
}
