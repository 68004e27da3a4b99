package dev.deployc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.deployc.Compiler;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.support.Specs;
import dev.deployc.support.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Snapshot tests: each folder of {@code golden-tests/} holds {@code input.deploy} and either
 * {@code expected/} (the whole output tree) or {@code expected.err} (the exact diagnostics).
 * {@code -Dgolden.update=true} rewrites the expectations and still fails; it is refused when
 * {@code CI=true}.
 */
class GoldenTest {

    private static final String SPEC = "input.deploy";

    @Test
    void thereAreEnoughCasesOfBothKinds() {
        long failing = Specs.goldenCases().stream().filter(c -> Files.exists(c.resolve("expected.err"))).count();
        long passing = Specs.goldenCases().stream().filter(c -> Files.isDirectory(c.resolve("expected"))).count();
        assertTrue(failing >= 10, "at least 10 failing cases, found " + failing);
        assertTrue(passing + failing >= 25, "at least 25 cases, found " + (passing + failing));
    }

    @TestFactory
    Stream<DynamicTest> goldenCases() {
        return Specs.goldenCases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
    }

    private static void run(Path dir) throws IOException {
        Compiler.Result result = Specs.compile(dir.resolve(SPEC), SPEC);
        Path expectedErr = dir.resolve("expected.err");
        Path expectedTree = dir.resolve("expected");
        if (Boolean.getBoolean("golden.update")) {
            update(dir, result, expectedErr, expectedTree);
        }
        boolean hasErr = Files.exists(expectedErr);
        boolean hasTree = Files.isDirectory(expectedTree);
        if (hasErr == hasTree) {
            fail(dir + " needs exactly one of expected.err or expected/ (run with -Dgolden.update=true to create it)");
        }
        if (hasErr) {
            assertFalse(result.ok(), "the spec compiled, but expected.err says it should fail:\n" + Specs.rendered(result));
            assertEquals(Files.readString(expectedErr), Specs.rendered(result), "diagnostics of " + dir);
        } else {
            assertTrue(result.diagnostics().isEmpty(), "unexpected diagnostics:\n" + Specs.rendered(result));
            assertEquals(Trees.read(expectedTree).keySet(), files(result).keySet(), "the set of generated files of " + dir);
            Trees.read(expectedTree).forEach((path, text) -> assertEquals(text, files(result).get(path), path + " in " + dir));
        }
    }

    private static void update(Path dir, Compiler.Result result, Path expectedErr, Path expectedTree) throws IOException {
        if ("true".equals(System.getenv("CI"))) {
            fail("-Dgolden.update=true is refused when CI=true: expectations are only rewritten on a developer's machine");
        }
        Trees.delete(expectedTree);
        Files.deleteIfExists(expectedErr);
        if (result.ok()) {
            for (GeneratedFile f : result.files()) {
                Path target = expectedTree.resolve(f.path());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.content());
            }
        } else {
            Files.writeString(expectedErr, Specs.rendered(result));
        }
        fail("updated the expectations of " + dir + "; read the diff, then run again without -Dgolden.update");
    }

    private static Map<String, String> files(Compiler.Result result) {
        Map<String, String> out = new TreeMap<>();
        result.files().forEach(f -> out.put(f.path(), f.content()));
        return out;
    }
}
