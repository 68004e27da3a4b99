package dev.deployc.schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Renders {@code docs/language.md} from the schema table, so the reference cannot drift from the checks. */
public final class LanguageReference {

    private LanguageReference() {}

    public static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# The `.deploy` language\n\n")
                .append("<!-- Generated from the schema table (dev.deployc.schema.Schema). Do not edit: a test fails when this file is stale. -->\n\n")
                .append("A spec is blocks (`name \"label\" { … }`) holding `key = value` pairs, lists `[a, b]` and `#` comments.\n")
                .append("Durations take `ms`, `s`, `m`, `h` or `d`; sizes `B`, `KiB`, `MiB`, `GiB` or `TiB`; percentages `%`.\n");
        for (BlockDef block : Schema.blocks()) {
            b.append("\n## `").append(block.path().replace(".", " › ")).append("`\n\n").append(block.doc()).append("\n\n");
            b.append("- label: ").append(switch (block.label()) {
                case REQUIRED -> "required";
                case OPTIONAL -> "optional";
                case NONE -> "none";
            }).append('\n');
            b.append("- occurs: ").append(block.required() ? (block.repeatable() ? "one or more times" : "exactly once")
                    : (block.repeatable() ? "any number of times" : "at most once")).append('\n');
            b.append("- example: `").append(block.example()).append("`\n");
            block.openKeys().ifPresent(t -> b.append("- keys: your own names; each value is ").append(t.description()).append('\n'));
            List<KeyDef> keys = Schema.keys(block.path());
            if (keys.isEmpty()) continue;
            b.append("\n| key | type | range | default | unit file | description |\n|---|---|---|---|---|---|\n");
            for (KeyDef k : keys) {
                b.append("| `").append(k.name()).append('`').append(k.required() ? " (required)" : "")
                        .append(" | ").append(type(k))
                        .append(" | ").append(range(k))
                        .append(" | ").append(k.defaultValue().map(d -> "`" + d + "`").orElse(""))
                        .append(" | ").append(unit(k.unit()))
                        .append(" | ").append(k.doc()).append(k.example().isEmpty() ? "" : " Example: `" + k.example() + "`")
                        .append(" |\n");
            }
        }
        b.append("\n## Words systemd expands\n\n")
                .append("Strings are always literal: `$` and `%` are escaped, so nothing expands by accident. Expansion is asked for by a ")
                .append("bare word, and only where systemd expands it. In command lines (`exec`, `reload`, `start_pre`, `start_post`, ")
                .append("`stop_post`), `env.NAME` is `${NAME}` (one argument) and `env_split.NAME` is `$NAME` (split on whitespace, only as ")
                .append("an argument of its own); the variable must be declared in `env` or `file_variables`. The specifier words below ")
                .append("stand in command lines, `env` values, `description`, and paths made of parts in `workdir`, `environment_files`, ")
                .append("`optional_environment_files`, `writable_paths`, `credentials`, `encrypted_credentials` and the `condition` and ")
                .append("`assert` paths (and `instance` in `user` and `group`). ")
                .append("A word made of parts is a list of strings and bare words joined without spaces: ")
                .append("`exec = [\"/usr/bin/app\", [\"--name=\", machine_id], [\"--config=\", env.CONF]]`, ")
                .append("`env { DATA = [state_root, \"/app\"] }`; a path made of parts starts with `/` or a directory root word, after a ")
                .append("leading `\"-\"` (optional writable path) or `\"!\"` (negated condition): `[\"-\", runtime_root, \"/app-\", instance]`. ")
                .append("Anywhere else a bare word is an error. The health probe's command ")
                .append("is run by the rollout, not by systemd, so nothing expands there.\n\n")
                .append("| word | writes | template only | meaning |\n|---|---|---|---|\n");
        for (Specifiers.Word w : Specifiers.all()) {
            b.append("| `").append(w.word()).append("` | `").append(w.specifier()).append("` | ").append(w.templateOnly() ? "yes" : "")
                    .append(" | ").append(w.doc()).append(" |\n");
        }
        b.append("\n## The escape hatch: raw systemd settings\n\n")
                .append("For what no typed key says, `systemd_unit`, `systemd_service`, `systemd_install` (in a service) and ")
                .append("`systemd_socket` (in a socket) take systemd's own directive names. Each key is checked against systemd 252's ")
                .append("directives of that section (from systemd.directives(7): ")
                .append(Directives.section("Unit").size()).append(" in [Unit], ")
                .append(Directives.section("Service").size()).append(" in [Service], ")
                .append(Directives.section("Socket").size()).append(" in [Socket], ")
                .append(Directives.section("Install").size()).append(" in [Install]), with \"did you mean\" for typos. ")
                .append("A directive a typed key writes is refused with the typed key's name. Values are strings (a list writes the ")
                .append("key once per item) and are escaped like typed text: `%` is written `%%`, so specifiers never expand. ")
                .append("The lines come last in their section, under a comment that names the block.\n");
        b.append("\n## Kernel settings\n\n")
                .append("The keys a `sysctl` block accepts. deployc adds `net.core.somaxconn` when a socket's `backlog` exceeds ")
                .append(SysctlKeys.SOMAXCONN_DEFAULT).append(", and `fs.nr_open` when `open_files` exceeds ")
                .append(SysctlKeys.NR_OPEN_DEFAULT).append("; it never lowers a kernel default.\n\n")
                .append("| key | value | range | description |\n|---|---|---|---|\n");
        for (SysctlKeys.Key k : SysctlKeys.all()) {
            b.append("| `").append(k.name()).append("` | ").append(k.fields() == 1 ? "integer" : k.fields() + " integers")
                    .append(" | ").append(k.min()).append("–").append(k.max()).append(" | ").append(k.doc()).append(" |\n");
        }
        return b.toString();
    }

    /** One key, as `deployc explain` prints it. */
    public static String entry(KeyDef k) {
        StringBuilder b = new StringBuilder(k.path().replace(".", " › ")).append('\n');
        b.append("  ").append(k.doc()).append('\n');
        b.append("  type:     ").append(type(k).replace("`", "")).append('\n');
        if (!range(k).isEmpty()) b.append("  range:    ").append(range(k)).append('\n');
        k.defaultValue().ifPresent(d -> b.append("  default:  ").append(d).append('\n'));
        if (k.required()) b.append("  required: yes\n");
        String unit = unit(k.unit()).replace("`", "").replace("<br>", ", ");
        if (!unit.isEmpty()) b.append("  unit:     ").append(unit).append('\n');
        if (!k.example().isEmpty()) b.append("  example:  ").append(k.example()).append('\n');
        return b.toString();
    }

    /** One specifier word, as `deployc explain` prints it. */
    public static String wordEntry(Specifiers.Word w) {
        return w.word() + " (a word systemd expands)\n"
                + "  " + w.doc() + "\n"
                + "  writes:   " + w.specifier() + (w.templateOnly() ? ", in a template unit only (`template = true`)" : "") + "\n"
                + "  where:    command lines (exec, reload, start_pre, start_post, stop_post), env values, description,\n"
                + "            paths made of parts (workdir, environment_files, writable_paths, credentials, conditions)"
                + (w.letter() == 'i' ? ", user, group" : "") + "\n"
                + "  example:  exec = [\"/usr/bin/app\", [\"--name=\", " + w.word() + "]]\n";
    }

    /** One block, as `deployc explain` prints it: what it is, where it goes, and its keys. */
    public static String blockEntry(BlockDef block) {
        StringBuilder b = new StringBuilder(block.path().replace(".", " › ")).append(" { … }\n");
        b.append("  ").append(block.doc()).append('\n');
        b.append("  label:    ").append(switch (block.label()) {
            case REQUIRED -> "required";
            case OPTIONAL -> "optional";
            case NONE -> "none";
        }).append('\n');
        b.append("  occurs:   ").append(block.required() ? (block.repeatable() ? "one or more times" : "exactly once")
                : (block.repeatable() ? "any number of times" : "at most once")).append('\n');
        b.append("  example:  ").append(block.example()).append('\n');
        if (Directives.HATCH_SECTIONS.containsKey(block.name())) {
            String section = Directives.HATCH_SECTIONS.get(block.name());
            b.append("  keys:     systemd 252's [").append(section).append("] directives (").append(Directives.section(section).size())
                    .append("), except those a typed key writes\n");
        }
        block.openKeys().ifPresent(t -> b.append("  keys:     your own names; each value is ").append(t.description().replace("`", "")).append('\n'));
        List<KeyDef> keys = Schema.keys(block.path());
        if (!keys.isEmpty()) {
            b.append("  keys:\n");
            int width = keys.stream().mapToInt(k -> k.name().length()).max().orElse(0);
            for (KeyDef k : keys) {
                b.append("    ").append(k.name()).append(" ".repeat(width - k.name().length() + 2)).append(k.doc()).append('\n');
            }
        }
        List<BlockDef> children = Schema.childBlocks(block.path());
        if (!children.isEmpty()) {
            b.append("  blocks:   ").append(String.join(", ", children.stream().map(BlockDef::name).toList())).append('\n');
        }
        return b.toString();
    }

    /** Whether this key writes the systemd setting {@code name} (as in {@code MemoryMax}), directly or in its profile. */
    public static boolean writes(KeyDef k, String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (k.unit() instanceof UnitMapping.Key u) return u.key().toLowerCase(java.util.Locale.ROOT).equals(lower);
        if (k.unit() instanceof UnitMapping.Profile p) {
            return p.lines().stream().anyMatch(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith(lower + "="));
        }
        if (k.unit() instanceof UnitMapping.Graded g) {
            return g.lines().values().stream().flatMap(List::stream)
                    .anyMatch(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith(lower + "="));
        }
        if (k.unit() instanceof UnitMapping.Custom c) {
            return java.util.regex.Pattern.compile("(^|[^A-Za-z])" + java.util.regex.Pattern.quote(name) + "=",
                    java.util.regex.Pattern.CASE_INSENSITIVE).matcher(c.description()).find();
        }
        return false;
    }

    /** The systemd settings a key writes, by name: {@code MemoryMax}. */
    public static List<String> systemdKeys(KeyDef k) {
        if (k.unit() instanceof UnitMapping.Key u) return List.of(u.key());
        if (k.unit() instanceof UnitMapping.Profile p) return p.lines().stream().map(l -> l.substring(0, l.indexOf('='))).toList();
        if (k.unit() instanceof UnitMapping.Graded g) {
            return g.lines().values().stream().flatMap(List::stream).map(l -> l.substring(0, l.indexOf('='))).distinct().toList();
        }
        if (k.unit() instanceof UnitMapping.Custom c) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Z][A-Za-z]+)=").matcher(c.description());
            List<String> out = new java.util.ArrayList<>();
            while (m.find()) out.add(m.group(1));
            return out;
        }
        return List.of();
    }

    private static String type(KeyDef k) {
        if (k.type() == ValueType.ENUM) {
            return "one of `" + String.join("`, `", k.choices()) + "`";
        }
        return k.type().title();
    }

    private static String range(KeyDef k) {
        Optional<BigDecimal> min = k.min();
        Optional<BigDecimal> max = k.max();
        String unit = k.type() == ValueType.DURATION ? "s" : k.type() == ValueType.PERCENT ? "%" : k.type() == ValueType.SIZE ? " B" : "";
        if (min.isPresent() && max.isPresent()) return min.get().toPlainString() + unit + "–" + max.get().toPlainString() + unit;
        if (min.isPresent()) return "≥ " + min.get().toPlainString() + unit;
        return max.map(m -> "≤ " + m.toPlainString() + unit).orElse("");
    }

    private static String unit(UnitMapping m) {
        if (m instanceof UnitMapping.Key k) return "`[" + k.section() + "] " + k.key() + "=`";
        if (m instanceof UnitMapping.Profile p) return "`" + String.join("`<br>`", p.lines()) + "`";
        if (m instanceof UnitMapping.Graded g) {
            return String.join("<br>", g.lines().entrySet().stream().filter(e -> !e.getKey().equals("true") && !e.getKey().equals("false"))
                    .map(e -> "`" + e.getKey() + "`: " + (e.getValue().isEmpty() ? "no line" : "`" + String.join(" ", e.getValue()) + "`")).toList());
        }
        if (m instanceof UnitMapping.Custom c) return c.description().replace("|", "\\|");
        return "";
    }
}
