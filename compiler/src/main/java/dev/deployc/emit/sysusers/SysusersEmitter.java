package dev.deployc.emit.sysusers;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.emit.Header;
import dev.deployc.emit.Templates;
import dev.deployc.emit.systemd.UnitEscaper;
import dev.deployc.model.ExecWord;
import dev.deployc.model.Service;
import dev.deployc.model.Spec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits {@code <project>/sysusers.d/<project>.conf}: one {@code u} line per named static user (so
 * {@code User=} names an account that exists), {@code g} and {@code m} lines for other groups.
 * Root, numeric ids, a template's {@code instance} and dynamic users need no entry.
 */
public final class SysusersEmitter implements dev.deployc.emit.Emitter {

    public static final String TEMPLATE = "sysusers/sysusers.conf.ftl";

    @Override
    public List<GeneratedFile> emit(Spec spec) {
        Set<String> users = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        List<Map<String, String>> lines = new ArrayList<>();
        for (Service s : spec.services()) {
            if (s.user().isEmpty() || !named(s.user().get())) continue;
            String user = s.user().get();
            if (users.add(user)) {
                lines.add(Map.of("reason", UnitEscaper.comment("User= of service `" + s.name() + "`"),
                        "text", "u " + user + " - \"" + spec.project().name() + " " + s.name() + "\""));
            }
            if (s.group().isEmpty()) continue;
            String g = s.group().get();
            if (!named(g) || g.equals(user)) continue;
            if (groups.add(g)) {
                lines.add(Map.of("reason", UnitEscaper.comment("Group= of service `" + s.name() + "`"), "text", "g " + g + " -"));
            }
            lines.add(Map.of("reason", UnitEscaper.comment("`" + user + "` joins `" + g + "`"), "text", "m " + user + " " + g));
        }
        if (lines.isEmpty()) return List.of();
        String fileName = spec.project().name() + ".conf";
        String text = Templates.render(TEMPLATE, Map.of(
                "header", Header.text(spec),
                "projectComment", UnitEscaper.comment(spec.project().name()),
                "fileName", fileName,
                "lines", lines));
        return List.of(new GeneratedFile(spec.project().name() + "/sysusers.d/" + fileName, text));
    }

    private static boolean named(String user) {
        // Checked names start with a letter or `_`, numeric ids with a digit (TextRules' user pattern).
        return !ExecWord.isSpecial(user) && !user.equals("root") && !(user.charAt(0) >= '0' && user.charAt(0) <= '9');
    }
}
