package dev.deployc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.Compiler;
import dev.deployc.diag.Diagnostic;
import dev.deployc.support.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, item 3: specs that crashed the compiler now compile, or get a positioned diagnostic. */
class ParserNeverCrashesTest {

    @TempDir
    Path dir;

    private static String sample() throws Exception {
        return Files.readString(Path.of("samples/orders-api.deploy"));
    }

    /** The 1-based line where {@code text} first occurs in {@code spec}. */
    private static int lineOf(String spec, String text) {
        return (int) spec.substring(0, spec.indexOf(text)).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String canary() throws Exception {
        return Files.readString(Path.of("golden-tests/ok-canary-all-steps/input.deploy"));
    }

    @Test
    void aCommentBetweenEqualsAndItsValueOnTheNextLine() throws Exception {
        String spec = sample().replace("version_var = \"", "version_var = # why\n    \"");
        Compiler.Result r = Specs.compile("a.deploy", spec);
        assertTrue(r.ok(), Specs.rendered(r));
        assertEquals(Specs.compile("a.deploy", sample()).files().size(), r.files().size());
    }

    @Test
    void aCommentBetweenABlocksLabelAndItsBrace() throws Exception {
        String spec = sample().replace("service \"api\" {", "service # which\n \"api\" # c\n{");
        Compiler.Result r = Specs.compile("a.deploy", spec);
        assertTrue(r.ok(), Specs.rendered(r));
    }

    @Test
    void fmtKeepsCommentsFromInsideAnEntry() throws Exception {
        Path spec = dir.resolve("a.deploy");
        Files.writeString(spec, sample().replace("version_var = \"", "version_var = # why\n    \"")
                .replace("service \"api\" {", "service \"api\" # c\n{"));
        Cli.Run fmt = Cli.run("fmt", spec.toString());
        assertEquals(0, fmt.exit(), fmt.err());
        String once = Files.readString(spec);
        assertTrue(once.contains("  # why\n  version_var = \"example.com"), once);
        assertTrue(once.contains("# c\nservice \"api\" {"), once);
        assertEquals(0, Cli.run("fmt", "--check", spec.toString()).exit(), "fmt is idempotent");
    }

    @Test
    void canaryDurationsOfTheWrongTypeArePositionedErrors() throws Exception {
        for (String bad : new String[] {"healthy_for = 1x", "healthy_deadline = \"5m\"", "healthy_for = [1s]"}) {
            String spec = canary().replace("parallel   = 2", "parallel = 2\n    " + bad);
            Compiler.Result r = Specs.compile("c.deploy", spec);
            assertFalse(r.ok());
            Diagnostic d = r.diagnostics().get(0);
            assertEquals(lineOf(spec, bad), d.span().line(), bad + ": " + Specs.rendered(r));
            assertFalse(d.message().startsWith("internal error"), d.message());
        }
    }

    @Test
    void crashesBecomeJsonDiagnosticsNotStackTraces() throws Exception {
        Path spec = dir.resolve("c.deploy");
        String text = canary().replace("parallel   = 2", "parallel = 2\n    healthy_for = 1x");
        Files.writeString(spec, text);
        Cli.Run check = Cli.run("check", spec.toString(), "--out", dir.resolve("out").toString(), "--format", "json");
        assertEquals(1, check.exit(), check.err());
        assertTrue(check.out().contains("\"line\":" + lineOf(text, "healthy_for = 1x")), check.out());
        assertFalse(check.err().contains("internal error"), check.err());
    }

    @Test
    void aBugInDeploycStillReadsAsADiagnosticNamingTheSpec() throws Exception {
        // A stack overflow deep in the checker stands for any bug: the safety net must catch it.
        String spec = canary().replace("hosts      = [\"web-1\", \"web-2\", \"web-3\", \"web-4\"]", "inventory = \"hosts.txt\"");
        Compiler.Result r = new Compiler().compile(new dev.deployc.diag.Source("x.deploy", spec), "x.deploy", path -> {
            throw new StackOverflowError();
        });
        assertFalse(r.ok());
        assertTrue(r.files().isEmpty());
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("x.deploy", d.file());
        assertEquals(1, d.span().line());
        assertTrue(d.message().startsWith("internal error while compiling this spec: StackOverflowError"), d.message());
        assertTrue(d.help().orElseThrow().contains("bug in deployc"));
    }
}
