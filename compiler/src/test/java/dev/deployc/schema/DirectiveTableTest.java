package dev.deployc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committed directive table is what systemd.directives(7) on this machine says, section by
 * section; and every unit key a schema row writes is a real directive of its section.
 */
class DirectiveTableTest {

    private static final Set<String> INSTALL = Set.of("Alias", "WantedBy", "RequiredBy", "UpheldBy", "Also", "DefaultInstance");
    private static final Path TABLE = Path.of("compiler/src/main/resources/dev/deployc/schema/" + Directives.TABLE);

    @Test
    void tableMatchesTheInstalledManPage() throws Exception {
        Tools.requireFile(Path.of("/usr/share/man/man7/systemd.directives.7.gz"), "apt-get install systemd man-db");
        Path man = Tools.require("man", "apt-get install man-db");
        String text = Tools.run(Path.of("."), Map.of("MANWIDTH", "200", "MAN_KEEP_FORMATTING", ""),
                List.of(man.toString(), "-P", "cat", "7", "systemd.directives"), 60).output().replaceAll(".\b", "");
        int start = text.indexOf("UNIT DIRECTIVES");
        int end = text.indexOf("OPTIONS ON THE KERNEL COMMAND LINE");
        assertTrue(start >= 0 && end > start, "unexpected man page layout");
        Set<String> derived = new TreeSet<>();
        String current = null;
        Pattern directive = Pattern.compile("^ {7}([A-Za-z0-9]+)=\\s*$");
        Pattern page = Pattern.compile("systemd\\.([a-z-]+)\\(5\\)");
        for (String line : text.substring(start, end).split("\n")) {
            Matcher d = directive.matcher(line);
            if (d.matches()) {
                current = d.group(1);
                continue;
            }
            if (current == null) continue;
            Matcher p = page.matcher(line);
            while (p.find()) {
                switch (p.group(1)) {
                    case "unit" -> derived.add((INSTALL.contains(current) ? "Install" : "Unit") + "\t" + current);
                    case "service" -> derived.add("Service\t" + current);
                    case "socket" -> derived.add("Socket\t" + current);
                    case "exec", "kill", "resource-control" -> {
                        derived.add("Service\t" + current);
                        derived.add("Socket\t" + current);
                    }
                    default -> { }
                }
            }
        }
        Set<String> committed = new TreeSet<>();
        for (String line : Files.readAllLines(TABLE)) {
            if (!line.isBlank() && !line.startsWith("#")) committed.add(line);
        }
        assertEquals(derived, committed, TABLE + " differs from systemd.directives(7)");
    }

    @Test
    void everyTypedUnitKeyIsARealDirective() {
        for (KeyDef k : Schema.keys()) {
            if (k.unit() instanceof UnitMapping.Key key) {
                assertTrue(Directives.section(key.section()).contains(key.key()), k.path() + " writes [" + key.section() + "] " + key.key());
            }
        }
    }

    @Test
    void typedKeysOwnWhatTheyWrite() {
        assertEquals("exec", Directives.owner("Service", "ExecStart").orElseThrow());
        assertEquals("limits.memory", Directives.owner("Service", "MemoryMax").orElseThrow());
        assertEquals("hardening.protect_system", Directives.owner("Service", "ProtectSystem").orElseThrow());
        assertTrue(Directives.owner("Service", "SecureBits").isEmpty());
    }
}
