package dev.deployc.check;

import dev.deployc.model.Command;
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
 * out of unit files, writable paths that exist, expansions that are declared, and the two
 * cross-checks (the built binary against `exec`, the health port against what the service listens on).
 */
final class UnitRules {

    private static final List<String> SECRET_WORDS = List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "CREDENTIAL", "PRIVATE_KEY");
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/@:\\s]*:[^/@\\s]+@");
    /** Variables systemd itself sets for a service's commands. */
    private static final Set<String> MANAGER_VARIABLES = Set.of("USER", "LOGNAME", "HOME", "SHELL", "INVOCATION_ID",
            "RUNTIME_DIRECTORY", "STATE_DIRECTORY", "CACHE_DIRECTORY", "LOGS_DIRECTORY", "CONFIGURATION_DIRECTORY",
            "CREDENTIALS_DIRECTORY", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID",
            "JOURNAL_STREAM", "MAINPID", "SERVICE_RESULT", "EXIT_CODE", "EXIT_STATUS", "PIDFILE", "TRIGGER_UNIT", "MONITOR_SERVICE_RESULT");
    private static final List<String[]> DIRECTORY_KEYS = List.of(
            new String[] {"runtime_directory", "/run/"}, new String[] {"state_directory", "/var/lib/"},
            new String[] {"cache_directory", "/var/cache/"}, new String[] {"logs_directory", "/var/log/"},
            new String[] {"configuration_directory", "/etc/"});

    private final Findings findings;

    UnitRules(Findings findings) {
        this.findings = findings;
    }

    void check(Section service) {
        privileges(service);
        secrets(service);
        writablePaths(service);
        expansions(service);
        binaryName(service);
        healthPort(service);
        exclusive(service, "reload", "reload_signal");
        sandboxAdditions(service);
        aliases(service);
        defaultInstance(service);
        service.setting("state_directory").filter(s -> s.value().equals("private")).ifPresent(s -> findings.error(s.span(),
                "`state_directory` cannot be `private`, which systemd reserves for dynamic users' directories", "choose another name"));
    }

    private void privileges(Section service) {
        Optional<Section.Setting> user = service.setting("user");
        Optional<Section.Setting> caps = service.setting("capabilities");
        boolean root = user.map(u -> u.value().equals("root") || u.value().equals("0")).orElse(false);
        if (user.isPresent() && (user.get().value().equals("nobody") || user.get().value().equals("65534"))) {
            findings.error(user.get().span(), "`user = \"" + user.get().value() + "\"` is refused",
                    "`nobody` owns files all over the system, and systemd warns it is not safe: leave `user` out for a dynamic "
                            + "user, or name a user of your own");
        }
        for (Section socket : service.children("socket")) {
            boolean unix = socket.valueOr("listen", List.<ListenAddress>of()).stream().anyMatch(a -> a instanceof ListenAddress.Unix);
            for (String owner : List.of("socket_user", "socket_group")) {
                socket.setting(owner).filter(o -> !unix).ifPresent(o -> findings.error(o.attribute().nameSpan(),
                        "`" + owner + "` only applies to unix sockets", "a TCP or UDP port has no file owner; drop `" + owner + "`"));
            }
        }
        service.children("socket").forEach(s -> s.setting("socket_user").filter(u -> u.value().equals("nobody"))
                .ifPresent(u -> findings.error(u.span(), "`socket_user = \"nobody\"` is refused", "name a static user or group of your own")));
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
        service.child("env").ifPresent(env -> env.settings().forEach((name, setting) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            Optional<String> word = SECRET_WORDS.stream().filter(upper::contains).findFirst();
            boolean url = URL_WITH_PASSWORD.matcher((String) setting.value()).find();
            if (word.isEmpty() && !url) return;
            String why = word.isPresent() ? "`" + name + "` looks like a secret (its name has " + word.get() + ")"
                    : "`" + name + "` holds a URL with a password";
            findings.error(word.isPresent() ? setting.attribute().nameSpan() : setting.span(),
                    why + ", and `env` writes it in plain text into the unit file, readable by every user and visible over D-Bus",
                    "keep the secret in a root-only file and pass it as a credential: `credentials { " + credentialId(name)
                            + " = \"/etc/<project>/" + credentialId(name) + "\" }` (read it from $CREDENTIALS_DIRECTORY), "
                            + "or `encrypted_credentials` for a file made with `systemd-creds encrypt`, or a root-only "
                            + "`environment_files` entry");
        }));
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
            names.forEach(n -> created.add(d[1] + n));
        }
        List<?> list = (List<?>) paths.get().value();
        for (int i = 0; i < list.size(); i++) {
            String path = ExecWord.isSpecial((String) list.get(i)) ? rooted((String) list.get(i)) : (String) list.get(i);
            if (path.startsWith("-")) continue;
            String optional = ExecWord.isSpecial((String) list.get(i)) ? ExecWord.specForm("-" + list.get(i)) : "\"-" + path + "\"";
            // systemd creates a directory key's directory and its parents, never what lies below it
            boolean made = created.stream().anyMatch(c -> path.equals(c) || c.startsWith(path + "/"));
            if (made) continue;
            Optional<String> below = created.stream().filter(c -> path.startsWith(c + "/")).findFirst();
            String help = below.isPresent()
                    ? "systemd creates `" + below.get() + "` but nothing below it: name the directory itself in its directory key, "
                            + "or mark it optional: `" + optional + "`"
                    : DIRECTORY_KEYS.stream().filter(d -> path.startsWith(d[1]) && !d[0].equals("configuration_directory") && !path.contains("<"))
                    .findFirst().map(d -> "let systemd create it: `" + d[0] + (d[0].equals("state_directory") ? " = \"" : " = [\"")
                            + path.substring(d[1].length()) + (d[0].equals("state_directory") ? "\"`" : "\"]`")
                            + ", or mark it optional: `" + optional + "`")
                    .orElse("create it with `runtime_directory`, `state_directory`, `cache_directory` or `logs_directory` "
                            + "(under /run, /var/lib, /var/cache, /var/log), or mark it optional: `" + optional + "`");
            String shown = ExecWord.isSpecial((String) list.get(i)) ? ExecWord.specForm((String) list.get(i)) : path;
            findings.error(itemSpan(paths.get(), i), "writable path `" + shown + "` is not created by any directory key, "
                    + "so the service fails with 226/NAMESPACE on a host where it does not exist", help);
        }
    }

    private void expansions(Section service) {
        Set<String> declared = new TreeSet<>(MANAGER_VARIABLES);
        service.child("env").ifPresent(env -> declared.addAll(env.settings().keySet()));
        declared.addAll(service.valueOr("file_variables", List.<String>of()));
        boolean template = service.<Boolean>value("template").orElse(false);
        boolean files = service.setting("environment_files").isPresent() || service.setting("optional_environment_files").isPresent();
        service.setting("file_variables").filter(f -> !files).ifPresent(f -> findings.error(f.attribute().nameSpan(),
                "`file_variables` without `environment_files`", "name the files that provide these variables"));
        for (String key : List.of("exec", "reload", "start_pre", "start_post", "stop_post")) {
            Optional<Section.Setting> setting = service.setting(key);
            if (setting.isEmpty()) continue;
            List<List<String>> lines = new ArrayList<>();
            if (setting.get().value() instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Command) {
                l.forEach(c -> lines.add(((Command) c).argv()));
            } else {
                lines.add(cast(setting.get().value()));
            }
            for (List<String> argv : lines) {
                for (String w : argv) {
                    if (!ExecWord.isSpecial(w)) continue;
                    instanceOnly(w, template).ifPresent(word -> findings.error(setting.get().span(),
                            "`" + word + "` in `" + key + "` needs `template = true`", "only a template unit (`name@.service`) has an instance"));
                    for (String name : ExecWord.variableNames(w)) {
                        if (declared.contains(name)) continue;
                        String spelled = ExecWord.variableName(w).isPresent() ? ExecWord.specForm(w) : "env." + name;
                        findings.error(setting.get().span(), "`" + spelled + "` expands `" + name + "`, which nothing declares",
                                "add it to `env`, or list it in `file_variables` when an environment file provides it");
                    }
                }
            }
        }
        service.setting("description").filter(d -> instanceOnly((String) d.value(), template).isPresent())
                .ifPresent(d -> findings.error(d.span(), "`instance` in `description` needs `template = true`", null));
        service.setting("user").filter(u -> ExecWord.isSpecial((String) u.value()) && !template)
                .ifPresent(u -> findings.error(u.span(), "`user = instance` needs `template = true`", null));
        for (String key : List.of("group", "workdir")) {
            service.setting(key).ifPresent(s -> instanceOnly((String) s.value(), template).ifPresent(word -> findings.error(s.span(),
                    "`" + word + "` in `" + key + "` needs `template = true`", "only a template unit (`name@.service`) has an instance")));
        }
        for (String block : List.of("condition", "assert")) {
            service.child(block).ifPresent(b -> b.settings().forEach((name, s) -> {
                if (s.value() instanceof List<?> paths) paths.stream().map(p -> instanceOnly((String) p, template)).flatMap(Optional::stream)
                        .findFirst().ifPresent(word -> findings.error(s.span(), "`" + word + "` in `" + block + "." + name
                                + "` needs `template = true`", "only a template unit (`name@.service`) has an instance"));
            }));
        }
        for (String block : List.of("env", "credentials", "encrypted_credentials")) {
            service.child(block).ifPresent(b -> b.settings().forEach((name, s) -> instanceOnly((String) s.value(), template)
                    .ifPresent(word -> findings.error(s.span(), "`" + word + "` in `" + block + "." + name + "` needs `template = true`",
                            "only a template unit (`name@.service`) has an instance"))));
        }
        for (String key : List.of("environment_files", "optional_environment_files", "writable_paths")) {
            service.setting(key).filter(s -> s.value() instanceof List<?>).ifPresent(s -> ((List<?>) s.value()).stream()
                    .map(f -> instanceOnly((String) f, template))
                    .flatMap(Optional::stream).findFirst().ifPresent(word -> findings.error(s.span(),
                            "`" + word + "` in `" + key + "` needs `template = true`", "only a template unit (`name@.service`) has an instance")));
        }
    }

    /** The first specifier word in {@code text} that only a template has, when the service is no template. */
    private static Optional<String> instanceOnly(String text, boolean template) {
        if (template || text == null) return Optional.empty();
        return ExecWord.specifiers(text).stream().map(Specifiers::byLetter).flatMap(Optional::stream)
                .filter(Specifiers.Word::templateOnly).map(Specifiers.Word::word).findFirst();
    }

    /** systemd ignores DefaultInstance= outside a template (it warns when it loads the unit, and a real start showed it). */
    private void defaultInstance(Section service) {
        boolean template = service.<Boolean>value("template").orElse(false)
                || service.children("socket").stream().anyMatch(s -> s.<Boolean>value("accept").orElse(false));
        if (template) return;
        service.child("systemd_install").flatMap(i -> i.setting("DefaultInstance")).ifPresent(s -> findings.error(s.attribute().nameSpan(),
                "`DefaultInstance=` only makes sense for a template unit, and this service is none: systemd ignores it",
                "make the service a template (`template = true`) or remove the setting"));
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
        Optional<Section.Setting> probe = health.get().setting("http").or(() -> health.get().setting("tcp"));
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
        service.child("hardening").ifPresent(h -> {
            needs(h, "extra_address_families", "restrict_address_families");
            needs(h, "system_calls_allow", "system_call_filter");
            needs(h, "system_calls_deny", "system_call_filter");
            needs(h, "device_allow", "private_devices");
        });
    }

    private void needs(Section hardening, String addition, String base) {
        Optional<Section.Setting> a = hardening.setting(addition);
        if (a.isPresent() && Boolean.FALSE.equals(hardening.value(base).orElse(true))) {
            findings.error(a.get().attribute().nameSpan(), "`" + addition + "` changes `" + base + "`, which is off",
                    "drop `" + addition + "`, or turn `" + base + "` back on");
        }
    }

    private void aliases(Section service) {
        service.setting("alias").ifPresent(s -> {
            List<?> names = (List<?>) s.value();
            for (int i = 0; i < names.size(); i++) {
                String n = (String) names.get(i);
                if (!n.endsWith(".service") || TextRules.unitName(n).isPresent()) {
                    findings.error(itemSpan(s, i), "alias `" + n + "` is not a service unit name",
                            "an alias of a service ends in `.service`, such as \"orders.service\"");
                }
            }
        });
    }

    private static dev.deployc.diag.Span itemSpan(Section.Setting s, int i) {
        return s.attribute().value() instanceof dev.deployc.syntax.Ast.ListOf l && i < l.items().size() ? l.items().get(i).span() : s.span();
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object o) {
        return (List<String>) o;
    }
}
