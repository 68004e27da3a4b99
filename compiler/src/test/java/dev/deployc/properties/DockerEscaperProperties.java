package dev.deployc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deployc.emit.docker.DockerEscaper;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Exec-form arrays are JSON: reading them back with a JSON string parser gives the argv. */
class DockerEscaperProperties {

    @Property(tries = 2000)
    void execFormRoundTrips(@ForAll("argv") List<String> argv) {
        assertEquals(argv, readJsonStringArray(DockerEscaper.execForm(argv)));
    }

    @Provide
    Arbitrary<List<String>> argv() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("\téß€\u0001\u007f").ofMaxLength(16)
                .list().ofMinSize(1).ofMaxSize(5);
    }

    /** A small, strict reader of a JSON array of strings, independent of the escaper. */
    private static List<String> readJsonStringArray(String json) {
        List<String> out = new ArrayList<>();
        int i = 0;
        if (json.charAt(i++) != '[') throw new AssertionError("no [");
        while (true) {
            while (json.charAt(i) == ' ' || json.charAt(i) == ',') i++;
            if (json.charAt(i) == ']') break;
            if (json.charAt(i++) != '"') throw new AssertionError("no opening quote at " + i + ": " + json);
            StringBuilder b = new StringBuilder();
            for (char c = json.charAt(i++); c != '"'; c = json.charAt(i++)) {
                if (c < 0x20) throw new AssertionError("raw control character in JSON: " + json);
                if (c != '\\') { b.append(c); continue; }
                char e = json.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> { b.append((char) Integer.parseInt(json.substring(i, i + 4), 16)); i += 4; }
                    default -> throw new AssertionError("bad escape \\" + e);
                }
            }
            out.add(b.toString());
        }
        return out;
    }
}
