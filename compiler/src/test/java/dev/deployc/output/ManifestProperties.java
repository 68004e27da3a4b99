package dev.deployc.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The manifest is untrusted input: any text parses or is refused as damaged, and what deployc writes reads back the same. */
class ManifestProperties {

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab/.#\t\n\"\\{}:,é\u0000 ".toCharArray()).ofMinLength(1).ofMaxLength(12);
    }

    @Property(tries = 2000)
    void anyTextParsesOrIsDamaged(@ForAll("mutatedManifests") String text) {
        try {
            Manifest.parse(text);
        } catch (Manifest.MalformedManifestException expected) {
            // damaged, with a message: fine
        }
    }

    @Provide
    Arbitrary<String> mutatedManifests() {
        String real = new Manifest(Map.of("#a.deploy", Map.of("a/x.service", Manifest.hash("x")), "b.deploy", Map.of())).render();
        return Arbitraries.integers().between(0, real.length()).tuple3().flatMap(t -> names().map(n -> {
            int a = Math.min(t.get1(), t.get2());
            int b = Math.max(t.get1(), t.get2());
            return real.substring(0, a) + n + real.substring(b);
        }));
    }

    @Property(tries = 500)
    void whatIsWrittenReadsBack(@ForAll("names") String spec, @ForAll("names") String file) throws Exception {
        String path = "d/" + file.replaceAll("[^a-z#é\"{} ]", "q");
        Manifest m = new Manifest(Map.of(spec.replaceAll("[\\u0000-\\u001f]", "_"), Map.of(path, Manifest.hash(file))));
        assertEquals(m, Manifest.parse(m.render()));
    }

    /** A `\\u` escape is four ASCII hex digits: Integer.parseInt alone would also take a sign or another script's digits. */
    @Example
    void unicodeEscapesTakeFourAsciiHexDigitsOnly() throws Exception {
        Manifest m = new Manifest(Map.of("A.deploy", Map.of("a/x.service", Manifest.hash("x"))));
        String text = m.render();
        assertEquals(m, Manifest.parse(text.replace("\"A.deploy", "\"\\u0041.deploy")));
        for (String bad : new String[] {"\\u+041", "\\u\uFF10\uFF10\uFF14\uFF11", "\\u004G"}) {
            assertThrows(Manifest.MalformedManifestException.class, () -> Manifest.parse(text.replace("\"A.deploy", "\"" + bad + ".deploy")), bad);
        }
    }
}
