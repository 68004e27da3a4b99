package dev.deployc.realsystemd;

import dev.deployc.validators.SystemdWordsAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A unit file read the simple way systemd's own parser would for what deployc writes: sections of Key=Value lines. */
record Unit(String name, String text, List<Map.Entry<String, String>> settings) {

    static Unit parse(String name, String text) {
        List<Map.Entry<String, String>> settings = new ArrayList<>();
        String section = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) settings.add(Map.entry(section + "." + line.substring(0, eq).strip(), line.substring(eq + 1).strip()));
        }
        return new Unit(name, text, List.copyOf(settings));
    }

    boolean isService() {
        return name.endsWith(".service");
    }

    boolean isSocket() {
        return name.endsWith(".socket");
    }

    boolean isTemplate() {
        return name.contains("@.");
    }

    /** Every value of Section.Key, in order; an empty assignment resets the list, as in systemd. */
    List<String> all(String key) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : settings) {
            if (!e.getKey().equals(key)) continue;
            if (e.getValue().isEmpty()) out.clear(); else out.add(e.getValue());
        }
        return out;
    }

    /** The last value of Section.Key, or {@code fallback}. */
    String get(String key, String fallback) {
        String v = fallback;
        for (Map.Entry<String, String> e : settings) {
            if (e.getKey().equals(key)) v = e.getValue();
        }
        return v;
    }

    boolean yes(String key) {
        return List.of("yes", "true", "on", "1").contains(get(key, "no"));
    }

    /** The words of every value of a list setting (quotes and escapes resolved, {@code %%} as {@code %}). */
    /** The path words of {@code key} with the specifiers the harness knows resolved; a word with another specifier is left out. */
    List<String> paths(String key) {
        List<String> out = new ArrayList<>();
        for (String v : all(key)) {
            for (String w : SystemdWordsAccess.split(v)) {
                String resolved = Promises.resolveSpecifiers(w, name);
                if (resolved.indexOf(Promises.ANY) < 0) out.add(resolved.replace("%%", "%"));
            }
        }
        return out;
    }

    List<String> words(String key) {
        List<String> out = new ArrayList<>();
        for (String v : all(key)) {
            for (String w : SystemdWordsAccess.split(v)) out.add(w.replace("%%", "%"));
        }
        return out;
    }

    /** The program of each command line of {@code key} (prefixes such as {@code -} and {@code @} removed). */
    List<String> programs(String key) {
        List<String> out = new ArrayList<>();
        for (String v : all(key)) {
            List<String> w = SystemdWordsAccess.split(v);
            if (!w.isEmpty()) out.add(stripPrefixes(w.get(0)).replace("%%", "%").replace("$$", "$"));
        }
        return out;
    }

    static String stripPrefixes(String program) {
        int i = 0;
        while (i < program.length() && "@-:+!".indexOf(program.charAt(i)) >= 0) i++;
        return program.substring(i);
    }

    /** An instance of this template, named {@code stem@instance.suffix}, with its settings' %i and %I resolved. */
    Unit instance(String instance) {
        int at = name.indexOf('@');
        List<Map.Entry<String, String>> resolved = new ArrayList<>();
        settings.forEach(e -> resolved.add(Map.entry(e.getKey(), resolve(e.getValue(), instance))));
        return new Unit(name.substring(0, at + 1) + instance + name.substring(at + 1), text, List.copyOf(resolved));
    }

    /** {@code value} with the instance specifiers of a template ({@code %i}, {@code %I}) resolved (an instance name that needs no escaping) for {@code instance}. */
    String resolve(String value, String instance) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '%' && i + 1 < value.length()) {
                char s = value.charAt(++i);
                out.append(s == 'i' || s == 'I' ? instance : "%" + s);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** The unit name without its suffix (and without the {@code @} of a template). */
    String stem() {
        String s = name.substring(0, name.lastIndexOf('.'));
        return s.endsWith("@") ? s.substring(0, s.length() - 1) : s;
    }
}
