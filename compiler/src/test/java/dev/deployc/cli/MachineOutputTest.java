package dev.deployc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.deployc.support.UnderTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every finding in every format: stale, missing and orphaned files, an I/O problem and a usage
 * problem, each as JSON and as GitHub workflow commands, run in a repository as a hook or CI runs
 * deployc (a separate process, paths relative to the work tree). The outputs are goldens in
 * {@code machine-output/<case>.<format>}; {@code -Dgolden.update=true} rewrites them and still fails.
 */
class MachineOutputTest {

    static final Path GOLDEN = Path.of("compiler/src/test/resources/machine-output");

    static final String SPEC = "project \"shop\" {\n  module = \"example.com/shop\"\n  go = \"1.22\"\n"
            + "  version_var = \"main.version\"\n}\n\nservice \"web\" {\n  limits {\n    memory = 1GiB\n  }\n"
            + "  socket {\n    listen = 8080\n  }\n}\n";

    @TempDir
    Path tmp;

    private record Case(String name, String[] args, Edit edit) {}

    private interface Edit {
        void apply(Path repo) throws IOException;
    }

    @TestFactory
    Stream<DynamicTest> findingsInEveryFormat() {
        Path service = Path.of("deploy/generated/shop/systemd/shop-web.service");
        return Stream.of(
                new Case("stale", new String[] {"check", "deploy/shop.deploy"}, repo -> Files.writeString(repo.resolve(service),
                        Files.readString(repo.resolve(service)).replace("MemoryMax=1G", "MemoryMax=4G"))),
                new Case("missing", new String[] {"check", "deploy/shop.deploy"}, repo -> Files.delete(repo.resolve(service))),
                new Case("orphaned", new String[] {"check", "--all"}, repo -> Files.delete(repo.resolve("deploy/shop.deploy"))),
                new Case("io", new String[] {"check", "deploy/nope.deploy"}, repo -> { }),
                new Case("usage", new String[] {"check", "--frobnicate", "deploy/shop.deploy"}, repo -> { }),
                new Case("unformatted", new String[] {"fmt", "--check", "deploy/shop.deploy"}, repo -> Files.writeString(
                        repo.resolve("deploy/shop.deploy"), SPEC.replace("  go = ", "  go    =   "))))
                .flatMap(c -> Stream.of("json", "github").map(format -> DynamicTest.dynamicTest(c.name() + "." + format,
                        () -> run(c, format))));
    }

    private void run(Case c, String format) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve(c.name() + "-" + format));
        Files.createDirectories(repo.resolve(".git"));
        Path spec = Files.createDirectories(repo.resolve("deploy")).resolve("shop.deploy");
        Files.writeString(spec, SPEC);
        StringWriter sink = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(sink), new PrintWriter(sink), "build", spec.toString()), sink.toString());
        c.edit().apply(repo);
        String[] args = Stream.concat(Stream.of(c.args()), Stream.of("--format", format)).toArray(String[]::new);
        UnderTest.Run run = UnderTest.run(repo, Map.of(), UnderTest.command(UnderTest.launcher(tmp), args));
        int expectedExit = c.name().equals("io") || c.name().equals("usage") ? 2 : 1;
        assertEquals(expectedExit, run.exit(), run.out() + run.err());
        if (format.equals("json")) {
            assertTrue(run.out().startsWith("{\"version\":1,\"diagnostics\":[{"), "one JSON document with a finding: " + run.out());
        } else {
            assertTrue(run.out().startsWith("::error "), "an error annotation: " + run.out());
        }
        Path golden = GOLDEN.resolve(c.name() + "." + format);
        if (Boolean.getBoolean("golden.update")) {
            if ("true".equals(System.getenv("CI"))) fail("-Dgolden.update=true is refused when CI=true");
            Files.writeString(golden, run.out());
            fail("updated " + golden + "; read the diff, then run again without -Dgolden.update");
        }
        assertTrue(Files.exists(golden), golden + " is missing (run with -Dgolden.update=true to create it)");
        assertEquals(Files.readString(golden), run.out(), c.name() + " as " + format);
    }
}
