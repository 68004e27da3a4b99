package dev.deployc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.emit.ansible.YamlEscaper;
import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Spec values reach the generated YAML as data: every escaped value is one double-quoted scalar
 * tagged {@code !unsafe} that reads back as exactly the value, by an independent decoder of YAML's
 * double-quoted escapes, and by Ansible's own YAML loader (which must also mark it unsafe, so it is
 * never templated).
 */
class YamlEscaperProperties {

    private static final List<String> SEEN = new ArrayList<>();

    @BeforeContainer
    static void reset() {
        SEEN.clear();
    }

    @Property(tries = 3000)
    void aValueIsOneQuotedScalarThatReadsBackExactly(@ForAll("hostile") String value) {
        String yaml = YamlEscaper.unsafe(value);
        assertTrue(yaml.startsWith("!unsafe \"") && yaml.endsWith("\""), yaml);
        String body = yaml.substring("!unsafe \"".length(), yaml.length() - 1);
        assertTrue(body.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "only printable ASCII: " + yaml);
        assertFalse(body.replace("\\\\", "").replace("\\\"", "").contains("\""), "no unescaped quote: " + yaml);
        assertEquals(value, decode(body), yaml);
        if (SEEN.size() < 400) SEEN.add(value);
    }

    @Example
    void templateMarkersStayLiteral() {
        assertEquals("!unsafe \"{{ lookup('pipe', 'id') }} {% raw %}\"", YamlEscaper.unsafe("{{ lookup('pipe', 'id') }} {% raw %}"));
    }

    @Example
    void loneSurrogatesAreRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> YamlEscaper.unsafe("a\ud800b"));
    }

    /** The same values, read by Ansible's YAML loader in one python process: equal, and tagged unsafe. */
    @AfterContainer
    static void ansibleReadsThemBackAsUnsafeData() throws Exception {
        if (SEEN.isEmpty()) return;
        Tools.require("python3", "apt-get install python3");
        Tools.requireFile(Path.of("/usr/lib/python3/dist-packages/ansible/parsing/yaml/loader.py"), "apt-get install ansible-core");
        Path dir = Files.createTempDirectory("deployc-yaml");
        try {
            StringBuilder doc = new StringBuilder("values:\n");
            StringBuilder expected = new StringBuilder();
            for (String v : SEEN) {
                doc.append("  - ").append(YamlEscaper.unsafe(v)).append('\n');
                expected.append(v.codePoints().mapToObj(Integer::toString).reduce((a, b) -> a + "," + b).orElse("")).append('\n');
            }
            Files.writeString(dir.resolve("values.yml"), doc);
            Files.writeString(dir.resolve("expected.txt"), expected);
            Files.writeString(dir.resolve("check.py"), """
                    import sys
                    from ansible.parsing.yaml.loader import AnsibleLoader
                    from ansible.utils.unsafe_proxy import AnsibleUnsafeText
                    data = AnsibleLoader(open('values.yml', encoding='utf-8').read()).get_single_data()['values']
                    lines = open('expected.txt', encoding='utf-8').read().split('\\n')[:-1]
                    assert len(data) == len(lines), (len(data), len(lines))
                    for value, line in zip(data, lines):
                        want = ''.join(chr(int(c)) for c in line.split(',')) if line else ''
                        assert isinstance(value, AnsibleUnsafeText), repr(value)
                        assert value == want, (value, want)
                    print('ok', len(data))
                    """);
            Tools.Outcome o = Tools.run(dir, Map.of(), List.of("/usr/bin/python3", "check.py"), 60);
            assertEquals(0, o.exitCode(), o.output());
            assertTrue(o.output().startsWith("ok " + SEEN.size()), o.output());
        } finally {
            dev.deployc.support.Trees.delete(dir);
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.of("{{", "}}", "{%", "%}", "{#", "!unsafe ", ": ", " #", "\"", "'", "\\", "\n", "\r",
                "\t", "---", "...", "- ", "&a", "*a", "!!python/object", "|", ">", "\u0085", "\u2028", "\u00e9", "\ud83d\ude00",
                "\u0000", "\u007f", "\ufeff", " ");
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(8);
        return Arbitraries.oneOf(pieces, any, Arbitraries.strings().alpha().ofMaxLength(4)).list().ofMaxSize(12)
                .map(l -> String.join("", l))
                // Spec strings never hold a lone surrogate (the string checks refuse one); see loneSurrogatesAreRefused.
                .filter(s -> s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF));
    }

    /** YAML 1.1/1.2 double-quoted escapes, as far as the escaper uses them. */
    private static String decode(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case '\\' -> out.append('\\');
                case '"' -> out.append('"');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'x' -> { out.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 3), 16)); i += 2; }
                case 'u' -> { out.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 5), 16)); i += 4; }
                case 'U' -> { out.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 9), 16)); i += 8; }
                default -> throw new AssertionError("unexpected escape \\" + e + " in " + body);
            }
        }
        return out.toString();
    }
}
