package dev.deployc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.deployc.emit.systemd.UnitEscaper;
import dev.deployc.validators.SystemdWordsAccess;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The unit escapers round-trip through systemd's quoting rules, read by an independent splitter. */
class EscaperProperties {

    @Property(tries = 2000)
    void execLineRoundTrips(@ForAll("argv") List<String> argv) {
        String line = UnitEscaper.execLine(argv);
        List<String> words = SystemdWordsAccess.split(line).stream().map(EscaperProperties::resolveExec).toList();
        assertEquals(argv, words, line);
        assertFalse(line.contains("\n"));
    }

    @Property(tries = 2000)
    void environmentRoundTrips(@ForAll("names") String name, @ForAll("unitText") String value) {
        String assignment = UnitEscaper.environment(name, value);
        List<String> words = SystemdWordsAccess.split(assignment);
        assertEquals(List.of(name + "=" + value), words.stream().map(w -> w.replace("%%", "%")).toList(), assignment);
    }

    @Property(tries = 1000)
    void listWordsRoundTrip(@ForAll("argv") List<String> paths) {
        String line = String.join(" ", paths.stream().map(UnitEscaper::listWord).toList());
        assertEquals(paths, SystemdWordsAccess.split(line).stream().map(w -> w.replace("%%", "%")).toList(), line);
    }

    @Property(tries = 1000)
    void rawValuesKeepTheirText(@ForAll("unitText") String value) {
        assertEquals(value, UnitEscaper.raw(value).replace("%%", "%"));
    }

    /** What systemd does after unquoting an ExecStart= word: %% is one %, $$ is one $. */
    private static String resolveExec(String word) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if ((c == '%' || c == '$') && i + 1 < word.length() && word.charAt(i + 1) == c) {
                i++;
            } else if (c == '%' || c == '$') {
                throw new AssertionError("unescaped " + c + " would be expanded by systemd: " + word);
            }
            b.append(c);
        }
        return b.toString();
    }

    @Provide
    Arbitrary<String> unitText() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("\téß€\u00a0;").ofMaxLength(24)
                .filter(s -> !s.endsWith("\\"));
    }

    @Provide
    Arbitrary<List<String>> argv() {
        return unitText().list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('A', 'Z').withChars('_').ofMinLength(1).ofMaxLength(10);
    }
}
