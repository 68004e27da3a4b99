package dev.deployc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.Compiler;
import dev.deployc.diag.Source;
import dev.deployc.format.Formatter;
import dev.deployc.support.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the documentation shows a reader must work as shown. */
class DocumentationTest {

    @Test
    void theReadmeExampleSpecCompilesAndIsFormatted() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```\nproject \"orders\" {");
        assertTrue(start >= 0, "README.md has no example spec");
        String spec = readme.substring(start + 4, readme.indexOf("```", start + 4));
        Compiler.Result r = Specs.compile("README.md", spec);
        assertTrue(r.ok(), Specs.rendered(r));
        assertEquals(spec, new Formatter().format(new Source("README.md", spec)).formatted().orElseThrow());
    }

    @Test
    void everySampleIsFormatted() throws Exception {
        for (Path sample : Specs.samples()) {
            String text = Files.readString(sample);
            assertEquals(text, new Formatter().format(new Source(sample.toString(), text)).formatted().orElseThrow(),
                    sample + " is not formatted: run bin/deployc fmt " + sample);
        }
    }

    private static final String PROJECT = "project \"shop\" {\n  module = \"example.com/shop\"\n  go = \"1.22\"\n"
            + "  version_var = \"main.version\"\n}\n\n";

    /**
     * Every spec example in the README and docs/ (a fenced block that starts with a block of the
     * language) is in the layout `deployc fmt` produces and compiles: a whole spec as it is, a
     * service's block inside a service of a small project.
     */
    @Test
    void everyDocumentedSpecExampleIsFormattedAndCompiles() throws Exception {
        int checked = 0;
        List<Path> docs = new java.util.ArrayList<>(List.of(Path.of("README.md")));
        try (var s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md") && !p.endsWith("language.md")).sorted().forEach(docs::add);
        }
        for (Path doc : docs) {
            String text = Files.readString(doc);
            for (String example : plainFences(text)) {
                String first = example.lines().filter(l -> !l.startsWith("#")).findFirst().orElse("");
                boolean whole = first.startsWith("project ");
                boolean serviceBlock = dev.deployc.schema.Schema.childBlocks("service").stream()
                        .anyMatch(b -> first.startsWith(b.name() + " {") || first.startsWith(b.name() + " \""));
                if (!whole && !serviceBlock) continue;
                String spec = whole ? example
                        : PROJECT + "service \"web\" {\n" + example.lines().map(l -> l.isEmpty() ? l : "  " + l)
                                .collect(java.util.stream.Collectors.joining("\n", "", "\n")) + "}\n";
                String where = doc + " example `" + first + "`";
                Optional<String> formatted = new Formatter().format(new Source(where, spec)).formatted();
                assertEquals(spec, formatted.orElse("(does not parse)"), where + " is not in the layout `deployc fmt` produces");
                Compiler.Result r = new Compiler().compile(new Source(where, spec), where,
                        path -> "web-1\nweb-2\nweb-3\nweb-4\n");
                assertTrue(r.ok(), where + ":\n" + Specs.rendered(r));
                checked++;
            }
        }
        assertTrue(checked >= 2, "expected the README's spec and the rollout guide's canary, found " + checked);
    }

    /** The text of each fenced block without a language (```), in order. */
    private static List<String> plainFences(String markdown) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder block = null;
        boolean plain = false;
        for (String line : markdown.split("\n", -1)) {
            if (block == null && line.startsWith("```")) {
                block = new StringBuilder();
                plain = line.equals("```");
            } else if (block != null && line.equals("```")) {
                if (plain) out.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return out;
    }
}
