package dev.deployc.realsystemd;

import dev.deployc.validators.SystemdWordsAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service unit promises, checked against the stand-in daemon's report of what it saw:
 * its user and group, its sockets and their names, writable and read-only paths, environment,
 * command line, credentials and notify socket. Returns the broken promises, one line each.
 */
final class Promises {

    private static final int DYNAMIC_MIN = 61184;
    private static final int DYNAMIC_MAX = 65519;

    /** A line starting with this is no broken promise but one this host cannot check. */
    static final String NOTE = "note: ";
    private static final BigInteger INFINITY = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);

    private Promises() {}

    /**
     * @param uid  the uid of User= as the container resolves it, or -1 when the unit names none
     * @param gid  the gid of Group= as the container resolves it, or -1
     * @param fdNames  the descriptor names its sockets pass, sorted
     */
    @SuppressWarnings("unchecked")
    static List<String> broken(Unit u, Map<String, Object> report, int uid, int gid, List<String> fdNames,
            Set<String> sysctlNotApplied) {
        List<String> out = new ArrayList<>();
        int seenUid = number(report.get("uid"));
        if (u.yes("Service.DynamicUser")) {
            if (seenUid < DYNAMIC_MIN || seenUid > DYNAMIC_MAX) out.add("DynamicUser=yes, but it ran as uid " + seenUid);
        } else if (uid >= 0) {
            if (seenUid != uid) out.add("User=" + u.get("Service.User", "") + " is uid " + uid + ", but it ran as uid " + seenUid);
        } else if (seenUid != 0) {
            out.add("no User=, so root, but it ran as uid " + seenUid);
        }
        if (gid >= 0 && number(report.get("gid")) != gid) {
            out.add("Group=" + u.get("Service.Group", "") + " is gid " + gid + ", but it ran as gid " + number(report.get("gid")));
        }

        List<String> names = new ArrayList<>();
        Object fds = report.get("fds");
        for (Object fd : fds == null ? List.of() : (List<Object>) fds) names.add(String.valueOf(((Map<String, Object>) fd).get("name")));
        names.sort(null);
        if (!names.equals(fdNames)) out.add("its sockets should pass descriptors named " + fdNames + ", it got " + names);

        Map<String, Object> paths = (Map<String, Object>) report.get("paths");
        Map<String, String> env = (Map<String, String>) (Map<?, ?>) report.get("env");
        String protect = u.get("Service.ProtectSystem", u.yes("Service.DynamicUser") ? "strict" : "no");
        if (List.of("yes", "true", "full", "strict").contains(protect)) readOnly(out, paths, "/usr", "ProtectSystem=" + protect);
        if (List.of("full", "strict").contains(protect)) readOnly(out, paths, "/etc", "ProtectSystem=" + protect);
        for (String w : u.paths("Service.ReadOnlyPaths")) {
            if (exists(paths, Deployment.path(w))) readOnly(out, paths, Deployment.path(w), "ReadOnlyPaths=");
        }
        for (String w : u.paths("Service.ReadWritePaths")) {
            String p = Deployment.path(w);
            Map<String, Object> info = (Map<String, Object>) paths.get(p);
            if (info == null || !Boolean.TRUE.equals(info.get("exists"))) {
                if (!w.startsWith("-")) out.add("ReadWritePaths=" + p + " does not exist for the service");
            } else if (Boolean.TRUE.equals(info.get("readOnlyMount"))) {
                out.add("ReadWritePaths=" + p + " is mounted read-only");
            }
        }
        for (String v : List.of("STATE_DIRECTORY", "RUNTIME_DIRECTORY", "CACHE_DIRECTORY", "LOGS_DIRECTORY")) {
            String key = "Service." + v.charAt(0) + v.substring(1, v.indexOf('_')).toLowerCase() + "Directory";
            List<String> declared = u.words(key);
            String got = env.getOrDefault(v, "");
            if (declared.isEmpty()) continue;
            if (got.isEmpty()) { out.add(key + " is set, but $" + v + " is not"); continue; }
            for (String p : got.split(":")) {
                Map<String, Object> info = (Map<String, Object>) paths.get(p);
                Object write = info == null ? "not probed" : info.get("write");
                if (!"ok".equals(write)) out.add(key.substring(8) + " " + p + " is not writable: " + write);
            }
        }

        for (String w : u.words("Service.Environment")) {
            int eq = w.indexOf('=');
            if (eq <= 0) continue;
            String name = w.substring(0, eq);
            String value = resolveSpecifiers(w.substring(eq + 1), u.name()).replace("%%", "%");
            if (!matches(value, env.get(name))) out.add("Environment " + name + " should be " + quote(value) + ", the process has " + quote(env.get(name)));
        }

        List<String> execStart = u.all("Service.ExecStart");
        if (execStart.size() == 1) {
            List<String> raw = SystemdWordsAccess.split(execStart.get(0)).stream().map(w -> resolveSpecifiers(w, u.name())).toList();
            {
                int skip = raw.get(0).replaceAll("^[-:+!]*", "").startsWith("@") ? 2 : 1;
                List<String> expected = expand(raw.subList(skip, raw.size()), env);
                List<String> args = (List<String>) (List<?>) report.get("args");
                if (expected != null && !matches(expected, args)) {
                    out.add("ExecStart= should pass " + expected + (raw.stream().anyMatch(Promises::hasVariable)
                            ? " (its variables expanded from the environment the process has)" : "") + ", the process got " + args);
                }
            }
        }

        Map<String, String> creds = (Map<String, String>) (Map<?, ?>) report.get("credentials");
        for (String c : u.all("Service.SetCredential")) {
            String id = c.substring(0, c.indexOf(':'));
            if (!c.substring(c.indexOf(':') + 1).equals(creds.get(id))) out.add("credential " + id + " should be set, it reads " + quote(creds.get(id)));
        }
        for (String c : union(u.all("Service.LoadCredential"), u.all("Service.LoadCredentialEncrypted"))) {
            String id = c.contains(":") ? c.substring(0, c.indexOf(':')) : c;
            if (!(Deployment.CREDENTIAL + id).equals(creds.get(id))) out.add("credential " + id + " should be loaded, it reads " + quote(creds.get(id)));
        }
        Map<String, Object> limits = (Map<String, Object>) report.get("hardLimits");
        for (String limit : List.of("NOFILE", "NPROC", "CORE", "MEMLOCK")) {
            String v = u.get("Service.Limit" + limit, "");
            BigInteger want = hardLimit(v);
            if (want == null || !(limits.get(limit) instanceof Double got)) continue;
            // the report's numbers are doubles: RLIM_INFINITY (2^64-1) arrives as 2^64
            BigInteger have = got >= 0x1p63 ? INFINITY : new BigDecimal(got).toBigInteger();
            if (have.equals(want)) continue;
            String line = "Limit" + limit + "=" + v + ", but the process has a hard limit of " + have;
            BigInteger ceiling = ceiling(limit);
            if (want.compareTo(ceiling) > 0 && have.equals(ceiling)) {
                out.add(NOTE + line + ": systemd lowered it to the most a container started from here can have"
                        + (limit.equals("NOFILE") ? "" : " (this JVM's own hard limit, which only CAP_SYS_RESOURCE on the host could raise)")
                        + (sysctlNotApplied.contains("fs.nr_open") ? " (fs.nr_open, which the case raises, cannot be set in a container)" : ""));
            } else {
                out.add(line + (want.compareTo(ceiling) > 0 ? " (a container started from here can have at most " + ceiling + ")" : ""));
            }
        }
        String type = u.get("Service.Type", "simple");
        if (type.equals("notify") && !"sent".equals(report.get("notify"))) out.add("Type=notify, but READY=1 could not be sent: " + report.get("notify"));
        if (!u.get("Service.WatchdogSec", "").isEmpty() && !env.containsKey("WATCHDOG_USEC")) out.add("WatchdogSec= is set, but $WATCHDOG_USEC is not");
        return out;
    }

    /**
     * The highest limit a container started from this JVM can give: our own hard limit (it inherits
     * it, and raising it needs CAP_SYS_RESOURCE on the host), and for open files fs.nr_open too.
     */
    private static BigInteger ceiling(String limit) {
        String row = switch (limit) {
            case "NOFILE" -> "Max open files";
            case "NPROC" -> "Max processes";
            case "CORE" -> "Max core file size";
            default -> "Max locked memory";
        };
        try {
            BigInteger own = INFINITY;
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith(row)) {
                    String[] f = line.substring(row.length()).trim().split("\\s+");
                    if (!f[1].equals("unlimited")) own = new BigInteger(f[1]);
                }
            }
            if (!limit.equals("NOFILE")) return own;
            long nrOpen;
            // Files.readString reads procfs files short on JDK 17 (it got "1" for "1048576\n"): read the stream
            try (InputStream in = new java.io.FileInputStream("/proc/sys/fs/nr_open")) {
                nrOpen = Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
            }
            return own.min(BigInteger.valueOf(nrOpen));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The hard part of a Limit*= value (soft:hard, or one value for both; K/M/G/T base 1024), null if not understood. */
    private static BigInteger hardLimit(String value) {
        String v = value.contains(":") ? value.substring(value.indexOf(':') + 1) : value;
        if (v.equals("infinity")) return INFINITY;
        Matcher m = Pattern.compile("(\\d+)([KMGTPE]?)").matcher(v);
        if (!m.matches()) return null;
        int shift = m.group(2).isEmpty() ? 0 : 10 * ("KMGTPE".indexOf(m.group(2)) + 1);
        return new BigInteger(m.group(1)).shiftLeft(shift);
    }

    @SuppressWarnings("unchecked")
    private static boolean exists(Map<String, Object> paths, String p) {
        Map<String, Object> info = (Map<String, Object>) paths.get(p);
        return info != null && Boolean.TRUE.equals(info.get("exists"));
    }

    @SuppressWarnings("unchecked")
    private static void readOnly(List<String> out, Map<String, Object> paths, String p, String why) {
        Map<String, Object> info = (Map<String, Object>) paths.get(p);
        if (info == null || !Boolean.TRUE.equals(info.get("readOnlyMount")) || "ok".equals(info.get("write"))) {
            out.add(why + " promises a read-only " + p + ", the process saw " + info);
        }
    }

    /** Specifiers whose value the harness knows for a system unit named {@code unit}; others (%m, %H, %b…) match any text. */
    static String resolveSpecifiers(String word, String unit) {
        String prefix = unit.replaceAll("(@.*)?\\.[a-z]+$", "");
        String instance = unit.contains("@") ? unit.substring(unit.indexOf('@') + 1, unit.lastIndexOf('.')) : "";
        Map<Character, String> known = Map.of('n', unit, 'N', unit.substring(0, unit.lastIndexOf('.')), 'p', prefix, 'i', instance,
                'I', instance, 't', "/run", 'S', "/var/lib", 'C', "/var/cache", 'L', "/var/log", 'E', "/etc");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c != '%' || i + 1 >= word.length()) {
                b.append(c);
                continue;
            }
            char s = word.charAt(++i);
            b.append(s == '%' ? "%%" : known.containsKey(s) ? known.get(s).replace("%", "%%").replace("$", "$$") : String.valueOf(ANY));
        }
        return b.toString();
    }

    /** Stands for the value of a specifier the harness cannot know: any text, within one word. */
    static final char ANY = '\u0000';

    static boolean matches(String expected, String got) {
        if (got == null) return false;
        if (expected.indexOf(ANY) < 0) return expected.equals(got);
        StringBuilder re = new StringBuilder();
        for (String part : expected.split(String.valueOf(ANY), -1)) {
            if (re.length() > 0) re.append(".*");
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(got).matches();
    }

    static boolean matches(List<String> expected, List<String> got) {
        if (got == null || expected.size() != got.size()) return false;
        for (int i = 0; i < expected.size(); i++) if (!matches(expected.get(i), got.get(i))) return false;
        return true;
    }

    private static final Pattern WHOLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

    /**
     * Command-line words as systemd expands them: a word that is exactly {@code $X} becomes the
     * value split at whitespace (zero or more words), {@code ${X}} anywhere becomes the value in one
     * word, {@code $$} is {@code $}. Null when a value holds quotes (systemd would unquote them).
     */
    static List<String> expand(List<String> words, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            w = w.replace("%%", "%");
            Matcher whole = WHOLE.matcher(w);
            if (whole.matches()) {
                String v = env.getOrDefault(whole.group(1), "");
                if (v.contains("\"") || v.contains("'")) return null;
                for (String part : v.strip().split("\\s+")) if (!part.isEmpty()) out.add(part);
                continue;
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < w.length(); i++) {
                if (w.startsWith("$$", i)) {
                    b.append('$');
                    i++;
                    continue;
                }
                Matcher m = BRACED.matcher(w).region(i, w.length());
                if (m.lookingAt()) {
                    b.append(env.getOrDefault(m.group(1), ""));
                    i = m.end() - 1;
                    continue;
                }
                b.append(w.charAt(i));
            }
            out.add(b.toString());
        }
        return out;
    }

    private static boolean hasVariable(String word) {
        return word.replace("$$", "").contains("$");
    }

    private static int number(Object o) {
        return o instanceof Double d ? d.intValue() : -1;
    }

    private static String quote(String s) {
        return s == null ? "(unset)" : "\"" + s + "\"";
    }
}
