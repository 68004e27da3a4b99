package dev.deployc.check;

import dev.deployc.model.Command;
import dev.deployc.model.ExecWord;
import dev.deployc.schema.Specifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Expansions a service's unit makes: every `$VAR` a command expands is declared (in `env`, by an
 * environment file, or by systemd itself), and the specifiers only a template unit has appear only
 * in one.
 */
final class ExpansionRules {

    /** Variables systemd itself sets for a service's commands. */
    private static final Set<String> MANAGER_VARIABLES = Set.of("USER", "LOGNAME", "HOME", "SHELL", "INVOCATION_ID",
            "RUNTIME_DIRECTORY", "STATE_DIRECTORY", "CACHE_DIRECTORY", "LOGS_DIRECTORY", "CONFIGURATION_DIRECTORY",
            "CREDENTIALS_DIRECTORY", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID",
            "JOURNAL_STREAM", "MAINPID", "SERVICE_RESULT", "EXIT_CODE", "EXIT_STATUS", "PIDFILE", "TRIGGER_UNIT", "MONITOR_SERVICE_RESULT");
    private final Findings findings;

    ExpansionRules(Findings findings) {
        this.findings = findings;
    }

    void check(Section service) {
        Set<String> declared = new TreeSet<>(MANAGER_VARIABLES);
        Optional<Section> env = service.child("env");
        if (env.isPresent()) declared.addAll(env.get().settings().keySet());
        declared.addAll(service.valueOr("file_variables", List.<String>of()));
        boolean template = service.<Boolean>value("template").orElse(false);
        boolean files = service.setting("environment_files").isPresent() || service.setting("optional_environment_files").isPresent();
        Optional<Section.Setting> fileVariables = service.setting("file_variables");
        if (fileVariables.isPresent() && !files) {
            findings.error(fileVariables.get().attribute().nameSpan(),
                    "`file_variables` without `environment_files`", "name the files that provide these variables");
        }
        for (String key : List.of("exec", "reload", "start_pre", "start_post", "stop_post")) {
            Optional<Section.Setting> setting = service.setting(key);
            if (setting.isEmpty()) continue;
            List<List<String>> lines = new ArrayList<>();
            if (setting.get().value() instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Command) {
                for (Object c : l) {
                    lines.add(((Command) c).argv());
                }
            } else {
                lines.add(cast(setting.get().value()));
            }
            for (List<String> argv : lines) {
                for (String w : argv) {
                    if (!ExecWord.isSpecial(w)) continue;
                    needsTemplate(setting.get().span(), instanceOnly(w, template), key);
                    for (String name : ExecWord.variableNames(w)) {
                        if (declared.contains(name)) continue;
                        String spelled = ExecWord.variableName(w).isPresent() ? ExecWord.specForm(w) : "env." + name;
                        findings.error(setting.get().span(), "`" + spelled + "` expands `" + name + "`, which nothing declares",
                                "add it to `env`, or list it in `file_variables` when an environment file provides it");
                    }
                }
            }
        }
        templateOnlyWords(service, template);
    }

    private void templateOnlyWords(Section service, boolean template) {
        Optional<Section.Setting> description = service.setting("description");
        if (description.isPresent() && instanceOnly((String) description.get().value(), template) != null) {
            findings.error(description.get().span(), "`instance` in `description` needs `template = true`", null);
        }
        Optional<Section.Setting> user = service.setting("user");
        if (user.isPresent() && ExecWord.isSpecial((String) user.get().value()) && !template) {
            findings.error(user.get().span(), "`user = instance` needs `template = true`", null);
        }
        for (String key : List.of("group", "workdir")) {
            Optional<Section.Setting> s = service.setting(key);
            if (s.isPresent()) needsTemplate(s.get().span(), instanceOnly((String) s.get().value(), template), key);
        }
        for (String block : List.of("condition", "assert")) {
            Optional<Section> b = service.child(block);
            if (b.isEmpty()) continue;
            for (Map.Entry<String, Section.Setting> e : b.get().settings().entrySet()) {
                Section.Setting s = e.getValue();
                if (s.value() instanceof List<?> paths) needsTemplate(s.span(), firstInstanceOnly(paths, template), block + "." + e.getKey());
            }
        }
        for (String block : List.of("env", "credentials", "encrypted_credentials")) {
            Optional<Section> b = service.child(block);
            if (b.isEmpty()) continue;
            for (Map.Entry<String, Section.Setting> e : b.get().settings().entrySet()) {
                Section.Setting s = e.getValue();
                needsTemplate(s.span(), instanceOnly((String) s.value(), template), block + "." + e.getKey());
            }
        }
        for (String key : List.of("environment_files", "optional_environment_files", "writable_paths")) {
            Optional<Section.Setting> s = service.setting(key);
            if (s.isPresent() && s.get().value() instanceof List<?> list) needsTemplate(s.get().span(), firstInstanceOnly(list, template), key);
        }
    }

    /** Reports {@code word} (a specifier only a template has, found in {@code where}) unless it is null. */
    private void needsTemplate(dev.deployc.diag.Span span, String word, String where) {
        if (word == null) return;
        findings.error(span, "`" + word + "` in `" + where + "` needs `template = true`", "only a template unit (`name@.service`) has an instance");
    }

    /** The first specifier word in {@code text} that only a template has, when the service is no template; else null. */
    private static String instanceOnly(String text, boolean template) {
        if (template || text == null) return null;
        for (char letter : ExecWord.specifiers(text)) {
            Optional<Specifiers.Word> word = Specifiers.byLetter(letter);
            if (word.isPresent() && word.get().templateOnly()) return word.get().word();
        }
        return null;
    }

    private static String firstInstanceOnly(List<?> texts, boolean template) {
        for (Object text : texts) {
            String word = instanceOnly((String) text, template);
            if (word != null) return word;
        }
        return null;
    }

    /** systemd ignores DefaultInstance= outside a template (it warns when it loads the unit, and a real start showed it). */
    void defaultInstance(Section service) {
        if (service.<Boolean>value("template").orElse(false)) return;
        for (Section socket : service.children("socket")) {
            if (socket.<Boolean>value("accept").orElse(false)) return;
        }
        Optional<Section> install = service.child("systemd_install");
        Optional<Section.Setting> s = install.isPresent() ? install.get().setting("DefaultInstance") : Optional.empty();
        if (s.isPresent()) {
            findings.error(s.get().attribute().nameSpan(),
                    "`DefaultInstance=` only makes sense for a template unit, and this service is none: systemd ignores it",
                    "make the service a template (`template = true`) or remove the setting");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object o) {
        return (List<String>) o;
    }
}
