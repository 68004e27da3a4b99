package dev.deployc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.Compiler;
import dev.deployc.diag.Source;
import dev.deployc.format.Formatter;
import dev.deployc.support.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Formatting twice equals formatting once, and never changes what a spec compiles to. */
class FormatterProperties {

    private final Formatter formatter = new Formatter();

    @Property(tries = 300)
    void formattingIsIdempotent(@ForAll("respacedSpecs") String spec) {
        String once = format(spec);
        assertEquals(once, format(once));
    }

    @Property(tries = 300)
    void formattingNeverChangesTheOutput(@ForAll("respacedSpecs") String spec) {
        Compiler.Result before = Specs.compile("p.deploy", spec);
        Compiler.Result after = Specs.compile("p.deploy", format(spec));
        assertEquals(before.ok(), after.ok());
        assertEquals(before.files(), after.files());
    }

    @Example
    void everySampleAndGoldenInputFormatsIdempotentlyAndKeepsItsOutput() throws Exception {
        List<Path> specs = new ArrayList<>(Specs.samples());
        Specs.goldenCases().stream().filter(d -> Files.isDirectory(d.resolve("expected"))).forEach(d -> specs.add(d.resolve("input.deploy")));
        for (Path p : specs) {
            String text = Files.readString(p);
            String once = format(text);
            assertEquals(once, format(once), p.toString());
            assertEquals(Specs.compile("p.deploy", text).files(), Specs.compile("p.deploy", once).files(), p.toString());
            long comments = text.lines().filter(l -> l.contains("#")).count();
            assertEquals(comments, once.lines().filter(l -> l.contains("#")).count(), "comments kept in " + p);
        }
    }

    private String format(String text) {
        var r = formatter.format(new Source("p.deploy", text));
        assertTrue(r.formatted().isPresent(), () -> "did not parse:\n" + text);
        return r.formatted().get();
    }

    /** Real specs with their whitespace shuffled: same tokens and comments, any layout. */
    @Provide
    Arbitrary<String> respacedSpecs() {
        List<String> sources = new ArrayList<>();
        try {
            for (Path p : Specs.samples()) sources.add(Files.readString(p));
            for (Path d : Specs.goldenCases()) if (Files.isDirectory(d.resolve("expected"))) sources.add(Files.readString(d.resolve("input.deploy")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Arbitraries.of(sources).flatMap(src -> Arbitraries.of(" ", "  ", "\n", "\n\n", "\t", "\n  \n")
                .list().ofSize(64).map(gaps -> respace(src, gaps)));
    }

    /** Replaces each run of blanks outside strings and comments by one of the given gaps. */
    private static String respace(String src, List<String> gaps) {
        StringBuilder b = new StringBuilder();
        int g = 0;
        boolean inString = false;
        boolean inComment = false;
        for (int i = 0; i < src.length(); i++) {
            char c = src.charAt(i);
            if (inComment) {
                b.append(c);
                if (c == '\n') inComment = false;
                continue;
            }
            if (inString) {
                b.append(c);
                if (c == '\\' && i + 1 < src.length()) b.append(src.charAt(++i));
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '#') { inComment = true; b.append(c); continue; }
            if (c == '"') { inString = true; b.append(c); continue; }
            if (c == ' ' || c == '\t' || c == '\n') {
                boolean newline = false;
                while (i < src.length() && (src.charAt(i) == ' ' || src.charAt(i) == '\t' || src.charAt(i) == '\n')) {
                    newline |= src.charAt(i) == '\n';
                    i++;
                }
                i--;
                String gap = gaps.get(g++ % gaps.size());
                b.append(newline && !gap.contains("\n") ? "\n" : gap);
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }
}
