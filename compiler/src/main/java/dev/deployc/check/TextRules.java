package dev.deployc.check;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for text that ends up in generated files. Each returns the problem in words, or empty when
 * the text is fine.
 */
public final class TextRules {

    private static final java.util.regex.Pattern CREDENTIAL_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,254}");
    private static final java.util.regex.Pattern DIGEST = java.util.regex.Pattern.compile("sha256:[0-9a-f]{64}");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern DOC_URI = Pattern.compile("(https?://|file:/|info:|man:)[\\x21-\\x7e]+");
    private static final Pattern DIRECTORY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern ADDRESS_FAMILY = Pattern.compile("AF_[A-Z0-9_]+");
    private static final Pattern SYSCALL = Pattern.compile("@?[a-z0-9_-]+");
    private static final Pattern DEVICE = Pattern.compile("(/dev/[A-Za-z0-9._/-]+|(char|block)-[A-Za-z0-9._*-]+)( [rwm]{1,3})?");
    private static final Set<String> SIGNALS = Set.of("SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
            "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
            "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
            "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");
    private static final Pattern RT_SIGNAL = Pattern.compile("SIGRTMIN(\\+([0-9]|[12][0-9]|30))?|SIGRTMAX(-([0-9]|[12][0-9]|30))?");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,30}|[0-9]{1,5}");
    private static final Pattern GO_VERSION = Pattern.compile("1\\.[0-9]{1,3}(\\.[0-9]{1,3})?");
    private static final Pattern GO_IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern GO_PATH = Pattern.compile("[A-Za-z0-9._~+-]+(/[A-Za-z0-9._~+-]+)*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SYSCTL_NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_-]+)+");
    private static final Pattern UNIT_NAME = Pattern.compile("[A-Za-z0-9:_.\\\\-]+(@[A-Za-z0-9:_.\\\\-]*)?\\.(service|socket|target|mount|timer|path|device|swap|slice|scope)");
    private static final Pattern CAPABILITY = Pattern.compile("CAP_[A-Z_]+");

    public static final Set<String> GO_TARGETS = Set.of(
            "linux/amd64", "linux/arm64", "linux/arm", "linux/386", "linux/ppc64le", "linux/s390x",
            "linux/riscv64", "linux/mips64le", "linux/loong64", "darwin/amd64", "darwin/arm64",
            "windows/amd64", "windows/arm64", "freebsd/amd64", "freebsd/arm64");

    private TextRules() {}

    /** What every value written into a unit file must satisfy. */
    public static Optional<String> unitSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && nonCharacter(s.codePointAt(i))) {
                return Optional.of(String.format("contains the Unicode non-character U+%X, which systemd refuses "
                        + "(\"String is not UTF-8 clean\")", s.codePointAt(i)));
            }
            if (nonCharacter(c)) {
                return Optional.of(String.format("contains the Unicode non-character U+%04X, which systemd refuses "
                        + "(\"String is not UTF-8 clean\")", (int) c));
            }
            if (c == '\n' || c == '\r') return Optional.of("contains a line break, which would start a new unit directive");
            if (c == 0) return Optional.of("contains a NUL character");
            if (c < 0x20 && c != '\t' || c == 0x7f) return Optional.of(String.format("contains the control character U+%04X", (int) c));
        }
        if (s.endsWith("\\")) return Optional.of("ends with `\\`, which would join the next line of the unit");
        return Optional.empty();
    }

    /** U+FDD0–U+FDEF and the last two code points of every plane: systemd's unichar_is_valid() refuses them. */
    static boolean nonCharacter(int cp) {
        return cp >= 0xFDD0 && cp <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE;
    }

    /**
     * A program path as systemd and the Dockerfile both read it: systemd refuses quotes, backslashes
     * and control characters in an executable's name ("Executable name contains special characters"),
     * and the Dockerfile's COPY of the binary to this path would expand {@code $} from its build arguments.
     */
    public static Optional<String> programPath(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '\\') {
                return Optional.of("contains `" + c + "`, which systemd refuses in the name of a program");
            }
            if (c < 0x20 || c == 0x7f) {
                return Optional.of(String.format("contains the control character U+%04X, which systemd refuses in the name of a program", (int) c));
            }
            if (c == '$') {
                return Optional.of("contains `$`: the Dockerfile's COPY to this path would expand it as a build argument, "
                        + "while systemd runs the path as written");
            }
        }
        return Optional.empty();
    }

    public static Optional<String> name(String s) {
        return NAME.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not a valid name: use lower-case letters, digits, `-` and `_`, starting with a letter or digit");
    }

    public static Optional<String> documentationUri(String s) {
        return DOC_URI.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not a documentation URI: systemd takes `http://`, `https://`, `file:/`, `info:` and `man:`, without spaces");
    }

    /** A directory name below /run, /var/lib, /var/cache, /var/log or /etc, as systemd's *Directory= keys take it. */
    public static Optional<String> directoryName(String s) {
        if (s.startsWith("/")) return Optional.of("is absolute: name it relative to the base directory, such as \"app\"");
        if (!DIRECTORY.matcher(s).matches()) return Optional.of("is not a directory name: use letters, digits, `.`, `_`, `-` and `/`");
        for (String part : s.split("/")) {
            if (part.equals(".") || part.equals("..")) return Optional.of("has a `" + part + "` component");
        }
        if (s.equals("private") || s.startsWith("private/")) return Optional.of("cannot be `private`, which systemd reserves");
        return Optional.empty();
    }

    public static Optional<String> addressFamily(String s) {
        return ADDRESS_FAMILY.matcher(s).matches() ? Optional.empty() : Optional.of("is not an address family such as \"AF_NETLINK\"");
    }

    public static Optional<String> syscallSet(String s) {
        return SYSCALL.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not a system call group (\"@mount\") or name (\"ioctl\")");
    }

    public static Optional<String> deviceRule(String s) {
        return DEVICE.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not a device rule such as \"/dev/fuse rw\" or \"char-pts rw\"");
    }

    /** A credential ID: a file name under $CREDENTIALS_DIRECTORY. */
    public static Optional<String> credentialId(String s) {
        return CREDENTIAL_ID.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not a credential name: use letters, digits, `.`, `_` and `-`");
    }

    public static Optional<String> signal(String s) {
        return SIGNALS.contains(s) || RT_SIGNAL.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not a signal name systemd knows");
    }

    public static Optional<String> user(String s) {
        return USER.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not a valid user or group name");
    }

    public static Optional<String> absolutePath(String s) {
        if (!s.startsWith("/")) return Optional.of("is not an absolute path");
        if (s.length() > 1 && s.endsWith("/")) return Optional.of("ends with `/`");
        for (String part : s.substring(1).split("/", -1)) {
            if (part.isEmpty() && s.length() > 1) return Optional.of("has an empty path component (`//`)");
            if (part.equals(".") || part.equals("..")) return Optional.of("has a `" + part + "` component");
        }
        if (s.length() > 4096) return Optional.of("is longer than 4096 characters");
        return unitSafe(s);
    }

    public static Optional<String> goVersion(String s) {
        return GO_VERSION.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not a Go version such as \"1.22\" or \"1.22.5\"");
    }

    public static Optional<String> goSymbol(String s) {
        int dot = s.lastIndexOf('.');
        boolean ok = dot > 0 && GO_PATH.matcher(s.substring(0, dot)).matches()
                && GO_IDENT.matcher(s.substring(dot + 1)).matches();
        return ok ? Optional.empty() : Optional.of("is not a Go variable such as \"example.com/app/internal/version.Version\"");
    }

    public static Optional<String> goPackage(String s) {
        String path = s.startsWith("./") ? s.substring(2) : s;
        boolean ok = (s.equals(".") || GO_PATH.matcher(path).matches())
                && !path.contains("..") && !s.startsWith("/");
        return ok ? Optional.empty() : Optional.of("is not a Go package path such as \"./cmd/api\"");
    }

    public static Optional<String> module(String s) {
        boolean ok = GO_PATH.matcher(s).matches() && !s.startsWith(".") && !s.contains("..");
        return ok ? Optional.empty() : Optional.of("is not a Go module path such as \"example.com/orders\"");
    }

    public static Optional<String> envName(String s) {
        return ENV_NAME.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not a valid environment variable name: letters, digits and `_`, not starting with a digit");
    }

    public static Optional<String> sysctlName(String s) {
        return SYSCTL_NAME.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not a sysctl name such as `net.core.somaxconn`");
    }

    public static Optional<String> unitName(String s) {
        if (s.length() > 255) return Optional.of("is longer than 255 characters");
        return UNIT_NAME.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not a systemd unit name such as \"postgresql.service\"");
    }

    public static Optional<String> capability(String s) {
        return CAPABILITY.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not a capability name such as \"CAP_NET_BIND_SERVICE\"");
    }

    public static Optional<String> digest(String s) {
        return DIGEST.matcher(s).matches() ? Optional.empty()
                : Optional.of("is not an image digest: \"sha256:\" and 64 lower-case hex digits");
    }

    public static Optional<String> url(String s) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(s);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return Optional.of("is not an http:// or https:// URL");
        }
        if (uri.getHost() == null) return Optional.of("has no host");
        return unitSafe(s);
    }
}
