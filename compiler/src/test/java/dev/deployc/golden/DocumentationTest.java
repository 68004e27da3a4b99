package dev.deployc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.Compiler;
import dev.deployc.diag.Source;
import dev.deployc.format.Formatter;
import dev.deployc.support.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
