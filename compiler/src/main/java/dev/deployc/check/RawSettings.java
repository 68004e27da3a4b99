package dev.deployc.check;

import dev.deployc.schema.BlockDef;
import dev.deployc.schema.Directives;
import dev.deployc.syntax.Ast;
import java.util.List;
import java.util.Optional;

/** The escape hatch's keys: systemd's own directives of the block's section, unless a typed key owns them. */
final class RawSettings {

    private RawSettings() {}

    static boolean keyOk(Findings findings, BlockDef block, Ast.Attribute a) {
        String section = Directives.HATCH_SECTIONS.get(block.name());
        String key = a.name();
        if (!Directives.section(section).contains(key)) {
            Optional<String> close = Suggestions.closest(key, List.copyOf(Directives.section(section)));
            List<String> elsewhere = Directives.sectionsOf(key);
            String help = close.map(c -> "did you mean `" + c + "`?")
                    .orElse(elsewhere.isEmpty() ? "see `man 7 systemd.directives` for the keys systemd 252 knows"
                            : "`" + key + "` belongs in [" + String.join("] or [", elsewhere) + "]: write it in `systemd_"
                                    + elsewhere.get(0).toLowerCase(java.util.Locale.ROOT) + "`");
            findings.error(a.nameSpan(), "systemd 252 has no `" + key + "=` in [" + section + "]", help);
            return false;
        }
        Optional<String> owner = Directives.owner(section, key);
        if (owner.isPresent()) {
            findings.error(a.nameSpan(), "`" + key + "=` is written by the typed key `" + owner.get() + "`",
                    "set `" + owner.get() + "` instead (`deployc explain " + owner.get() + "`): the escape hatch is for what no typed key says");
            return false;
        }
        return true;
    }
}
