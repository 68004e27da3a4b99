package dev.deployc.check;

import dev.deployc.model.ExecWord;
import dev.deployc.schema.Specifiers;
import dev.deployc.model.ListenAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Rules that keep a unit true to how systemd runs it: privileges never inverted silently, secrets
 * out of unit files, writable paths that exist, expansions that are declared ({@link ExpansionRules}), and the two
 * cross-checks (the built binary against `exec`, the health port against what the service listens on).
 */
final class UnitRules {

    private static final List<String> SECRET_WORDS = List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "CREDENTIAL", "PRIVATE_KEY");
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/@:\\s]*:[^/@\\s]+@");
    private static final List<String[]> DIRECTORY_KEYS = List.of(
            new String[] {"runtime_directory", "/run/"}, new String[] {"state_directory", "/var/lib/"},
            new String[] {"cache_directory", "/var/cache/"}, new String[] {"logs_directory", "/var/log/"},
            new String[] {"configuration_directory", "/etc/"});

    private final Findings findings;
    private final ExpansionRules expansions;

    UnitRules(Findings findings) {
        this.findings = findings;
        this.expansions = new ExpansionRules(findings);
    }

    void check(Section service) {
        privileges(service);
        secrets(service);
        writablePaths(service);
        expansions.check(service);
        binaryName(service);
        healthPort(service);
        exclusive(service, "reload", "reload_signal");
        sandboxAdditions(service);
        aliases(service);
        expansions.defaultInstance(service);
        Optional<Section.Setting> state = service.setting("state_directory");
        if (state.isPresent() && state.get().value().equals("private")) {
            findings.error(state.get().span(),
                    "`state_directory` cannot be `private`, which systemd reserves for dynamic users' directories", "choose another name");
        }
    }

    private void privileges(Section service) {
        Optional<Section.Setting> user = service.setting("user");
        Optional<Section.Setting> caps = service.setting("capabilities");
        boolean root = user.isPresent() && (user.get().value().equals("root") || user.get().value().equals("0"));
        if (user.isPresent() && (user.get().value().equals("nobody") || user.get().value().equals("65534"))) {
            findings.error(user.get().span(), "`user = \"" + user.get().value() + "\"` is refused",
                    "`nobody` owns files all over the system, and systemd warns it is not safe: leave `user` out for a dynamic "
                            + "user, or name a user of your own");
        }
        for (Section socket : service.children("socket")) {
            boolean unix = false;
            for (ListenAddress a : socket.valueOr("listen", List.<ListenAddress>of())) {
                unix |= a instanceof ListenAddress.Unix;
            }
            for (String owner : List.of("socket_user", "socket_group")) {
                Optional<Section.Setting> o = socket.setting(owner);
                if (o.isPresent() && !unix) {
                    findings.error(o.get().attribute().nameSpan(),
                            "`" + owner + "` only applies to unix sockets", "a TCP or UDP port has no file owner; drop `" + owner + "`");
                }
            }
            Optional<Section.Setting> u = socket.setting("socket_user");
            if (u.isPresent() && u.get().value().equals("nobody")) {
                findings.error(u.get().span(), "`socket_user = \"nobody\"` is refused", "name a static user or group of your own");
            }
        }
        if (root && caps.isEmpty()) {
            findings.error(user.get().span(), "a root service must say which capabilities it keeps",
                    "add `capabilities = [\"CAP_NET_ADMIN\", …]`, `capabilities = []` for none, or `capabilities = unrestricted` "
                            + "to keep all of root's (systemd's default, and the weakest sandbox)");
        }
        if (caps.isPresent() && caps.get().value().equals("unrestricted") && !root) {
            findings.error(caps.get().span(), "`capabilities = unrestricted` needs `user = \"root\"`",
                    "list the capabilities the service needs: a non-root user holds only what the ambient set grants");
        }
        Optional<Section.Setting> ambient = service.setting("ambient_capabilities");
        if (ambient.isPresent() && caps.isPresent() && caps.get().value() instanceof List<?> bounding) {
            for (Object c : (List<?>) ambient.get().value()) {
                if (!bounding.contains(c)) {
                    findings.add(findings.error(ambient.get().span(), "ambient capability `" + c + "` is not in `capabilities`")
                            .withRelated("the bounding set is here", caps.get().span())
                            .withHelp("the ambient set is a subset of the bounding set; add `" + c + "` to `capabilities`"));
                }
            }
        }
    }

    private void secrets(Section service) {
        Optional<Section> env = service.child("env");
        if (env.isEmpty()) return;
        for (Map.Entry<String, Section.Setting> e : env.get().settings().entrySet()) {
            String name = e.getKey();
            Section.Setting setting = e.getValue();
            String word = secretWord(name);
            boolean url = URL_WITH_PASSWORD.matcher((String) setting.value()).find();
            if (word == null && !url) continue;
            String why = word != null ? "`" + name + "` looks like a secret (its name has " + word + ")"
                    : "`" + name + "` holds a URL with a password";
            findings.error(word != null ? setting.attribute().nameSpan() : setting.span(),
                    why + ", and `env` writes it in plain text into the unit file, readable by every user and visible over D-Bus",
                    "keep the secret in a root-only file and pass it as a credential: `credentials { " + credentialId(name)
                            + " = \"/etc/<project>/" + credentialId(name) + "\" }` (read it from $CREDENTIALS_DIRECTORY), "
                            + "or `encrypted_credentials` for a file made with `systemd-creds encrypt`, or a root-only "
                            + "`environment_files` entry");
        }
    }

    /** The word in an environment variable's name that makes it look like a secret, or null. */
    private static String secretWord(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (upper.contains(word)) return word;
        }
        return null;
    }

    /**
     * A writable path made of parts, with the directory roots systemd gives system services resolved
     * (`[runtime_root, "/app"]` is /run/app) and any other specifier shown as the spec writes it.
     */
    private static String rooted(String path) {
        StringBuilder b = new StringBuilder();
        for (ExecWord.Part p : ExecWord.parts(path)) {
            String root = p instanceof ExecWord.Specifier s ? SYSTEM_ROOTS.get(s.letter()) : null;
            b.append(p instanceof ExecWord.Literal l ? l.text() : root != null ? root : "<" + Specifiers.word(((ExecWord.Specifier) p).letter()) + ">");
        }
        return b.toString();
    }

    private static final Map<Character, String> SYSTEM_ROOTS = Map.of('t', "/run", 'S', "/var/lib", 'C', "/var/cache", 'L', "/var/log", 'E', "/etc");

    private static String credentialId(String envName) {
        return envName.toLowerCase(Locale.ROOT);
    }

    private void writablePaths(Section service) {
        Optional<Section.Setting> paths = service.setting("writable_paths");
        if (paths.isEmpty()) return;
        List<String> created = new ArrayList<>();
        for (String[] d : DIRECTORY_KEYS) {
            Object v = service.value(d[0]).orElse(List.of());
            List<?> names = v instanceof List<?> l ? l : List.of(v);
            for (Object n : names) {
                created.add(d[1] + n);
            }
        }
        List<?> list = (List<?>) paths.get().value();
        for (int i = 0; i < list.size(); i++) {
            String path = ExecWord.isSpecial((String) list.get(i)) ? rooted((String) list.get(i)) : (String) list.get(i);
            if (path.startsWith("-")) continue;
            String optional = ExecWord.isSpecial((String) list.get(i)) ? ExecWord.specForm("-" + list.get(i)) : "\"-" + path + "\"";
            // systemd creates a directory key's directory and its parents, never what lies below it
            if (madeBySystemd(created, path)) continue;
            String below = createdAbove(created, path);
            String[] key = below == null ? directoryKeyFor(path) : null;
            String help;
            if (below != null) {
                help = "systemd creates `" + below + "` but nothing below it: name the directory itself in its directory key, "
                        + "or mark it optional: `" + optional + "`";
            } else if (key != null) {
                help = "let systemd create it: `" + key[0] + (key[0].equals("state_directory") ? " = \"" : " = [\"")
                        + path.substring(key[1].length()) + (key[0].equals("state_directory") ? "\"`" : "\"]`")
                        + ", or mark it optional: `" + optional + "`";
            } else {
                help = "create it with `runtime_directory`, `state_directory`, `cache_directory` or `logs_directory` "
                        + "(under /run, /var/lib, /var/cache, /var/log), or mark it optional: `" + optional + "`";
            }
            String shown = ExecWord.isSpecial((String) list.get(i)) ? ExecWord.specForm((String) list.get(i)) : path;
            findings.error(itemSpan(paths.get(), i), "writable path `" + shown + "` is not created by any directory key, "
                    + "so the service fails with 226/NAMESPACE on a host where it does not exist", help);
        }
    }

    private static boolean madeBySystemd(List<String> created, String path) {
        for (String c : created) {
            if (path.equals(c) || c.startsWith(path + "/")) return true;
        }
        return false;
    }

    /** The first created directory that {@code path} lies below, or null. */
    private static String createdAbove(List<String> created, String path) {
        for (String c : created) {
            if (path.startsWith(c + "/")) return c;
        }
        return null;
    }

    /** The directory key (name, root) that could create {@code path}, or null. */
    private static String[] directoryKeyFor(String path) {
        if (path.contains("<")) return null;
        for (String[] d : DIRECTORY_KEYS) {
            if (path.startsWith(d[1]) && !d[0].equals("configuration_directory")) return d;
        }
        return null;
    }

    private void binaryName(Section service) {
        Optional<Section.Setting> exec = service.setting("exec");
        if (exec.isEmpty()) return;
        String program = (String) ((List<?>) exec.get().value()).get(0);
        if (ExecWord.isSpecial(program)) return;
        String built = service.<String>value("binary").orElse(service.label());
        String base = program.substring(program.lastIndexOf('/') + 1);
        if (!base.equals(built)) {
            findings.error(itemSpan(exec.get(), 0), "`exec` runs `" + base + "`, but the build makes `" + built + "`",
                    "install the program under its built name (`…/" + built + "`), or name the build: `binary = \"" + base + "\"`");
        }
    }

    private void healthPort(Section service) {
        Optional<Section> health = service.child("health");
        if (health.isEmpty()) return;
        Optional<Section.Setting> probe = health.get().setting("http");
        if (probe.isEmpty()) probe = health.get().setting("tcp");
        if (probe.isEmpty()) return;
        int port;
        if (probe.get().value() instanceof Integer p) {
            port = p;
        } else {
            try {
                URI uri = URI.create((String) probe.get().value());
                port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
            } catch (IllegalArgumentException e) {
                return;
            }
        }
        Set<Integer> listening = new TreeSet<>(service.valueOr("ports", List.<Integer>of()));
        for (Section socket : service.children("socket")) {
            for (ListenAddress a : socket.valueOr("listen", List.<ListenAddress>of())) {
                if (a instanceof ListenAddress.AnyHost h) listening.add(h.port());
                if (a instanceof ListenAddress.Ipv4 h) listening.add(h.port());
                if (a instanceof ListenAddress.Ipv6 h) listening.add(h.port());
            }
        }
        if (!listening.contains(port)) {
            findings.error(probe.get().span(), "the health probe asks port " + port + ", which no `socket` or `ports` entry has",
                    listening.isEmpty() ? "add `ports = [" + port + "]` (or a `socket { listen = " + port + " }`) so the port is known"
                            : "the service listens on " + listening + "; probe one of them, or add " + port + " to `ports`");
        }
    }

    private void exclusive(Section service, String a, String b) {
        Optional<Section.Setting> first = service.setting(a);
        Optional<Section.Setting> second = service.setting(b);
        if (first.isPresent() && second.isPresent()) {
            findings.add(findings.error(second.get().attribute().nameSpan(), "`" + a + "` and `" + b + "` both set how to reload")
                    .withRelated("`" + a + "` is here", first.get().attribute().nameSpan()).withHelp("keep one of them"));
        }
    }

    private void sandboxAdditions(Section service) {
        Optional<Section> hardening = service.child("hardening");
        if (hardening.isEmpty()) return;
        Section h = hardening.get();
        needs(h, "extra_address_families", "restrict_address_families");
        needs(h, "system_calls_allow", "system_call_filter");
        needs(h, "system_calls_deny", "system_call_filter");
        needs(h, "device_allow", "private_devices");
    }

    private void needs(Section hardening, String addition, String base) {
        Optional<Section.Setting> a = hardening.setting(addition);
        if (a.isPresent() && Boolean.FALSE.equals(hardening.value(base).orElse(true))) {
            findings.error(a.get().attribute().nameSpan(), "`" + addition + "` changes `" + base + "`, which is off",
                    "drop `" + addition + "`, or turn `" + base + "` back on");
        }
    }

    private void aliases(Section service) {
        Optional<Section.Setting> alias = service.setting("alias");
        if (alias.isEmpty()) return;
        List<?> names = (List<?>) alias.get().value();
        for (int i = 0; i < names.size(); i++) {
            String n = (String) names.get(i);
            if (!n.endsWith(".service") || TextRules.unitName(n).isPresent()) {
                findings.error(itemSpan(alias.get(), i), "alias `" + n + "` is not a service unit name",
                        "an alias of a service ends in `.service`, such as \"orders.service\"");
            }
        }
    }

    private static dev.deployc.diag.Span itemSpan(Section.Setting s, int i) {
        return s.attribute().value() instanceof dev.deployc.syntax.Ast.ListOf l && i < l.items().size() ? l.items().get(i).span() : s.span();
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object o) {
        return (List<String>) o;
    }
}
