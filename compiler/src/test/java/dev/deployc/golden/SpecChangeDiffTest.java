package dev.deployc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.deployc.Compiler;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.output.UnifiedDiff;
import dev.deployc.support.Specs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A spec change makes exactly the diff it should: each folder of {@code changes/} holds
 * {@code before.deploy} and {@code after.deploy}, and {@code expected.diff} is the diff of the two
 * output trees, file by file. A file whose content does not change must not appear at all (no
 * hash or date in a header churns it). {@code -Dgolden.update=true} rewrites it and still fails.
 */
class SpecChangeDiffTest {

    static final Path CASES = Path.of("compiler/src/test/resources/changes");
    static final String SPEC = "deploy/spec.deploy";

    @Test
    void aOneValueChangeTouchesOnlyTheLinesItChanges() throws IOException {
        Path dir = CASES.resolve("one-value-backlog");
        Map<String, String> changed = changedFiles(dir);
        // Backlog= lives in the socket unit; 8192 is above the kernel's default somaxconn, so the
        // sysctl file gains the setting. Nothing else may change: not the service, not build.sh.
        assertEquals(List.of("orders/sysctl.d/90-orders.conf", "orders/systemd/orders-api-http.socket"),
                List.copyOf(changed.keySet()));
        String socket = changed.get("orders/systemd/orders-api-http.socket");
        assertEquals(List.of("-Backlog=4096", "+Backlog=8192"), changedLines(socket));
    }

    @TestFactory
    Stream<DynamicTest> changeCases() {
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
    }

    static List<Path> cases() {
        try (Stream<Path> s = Files.list(CASES)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Path dir) throws IOException {
        StringBuilder actual = new StringBuilder();
        changedFiles(dir).forEach((path, diff) -> actual.append(diff));
        Path expected = dir.resolve("expected.diff");
        if (Boolean.getBoolean("golden.update")) {
            if ("true".equals(System.getenv("CI"))) fail("-Dgolden.update=true is refused when CI=true");
            Files.writeString(expected, actual.toString());
            fail("updated " + expected + "; read the diff, then run again without -Dgolden.update");
        }
        assertTrue(Files.exists(expected), expected + " is missing (run with -Dgolden.update=true to create it)");
        assertFalse(actual.isEmpty(), "the change changes no file");
        assertEquals(Files.readString(expected), actual.toString(), "the diff of " + dir);
    }

    /** The unified diff of each file that differs between the two output trees, by path. */
    static Map<String, String> changedFiles(Path dir) {
        Map<String, String> before = files(Specs.compile(dir.resolve("before.deploy"), SPEC));
        Map<String, String> after = files(Specs.compile(dir.resolve("after.deploy"), SPEC));
        Map<String, String> out = new TreeMap<>();
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            String a = before.getOrDefault(path, "");
            String b = after.getOrDefault(path, "");
            if (a.equals(b)) continue;
            out.put(path, UnifiedDiff.of(before.containsKey(path) ? "a/" + path : "/dev/null", a,
                    after.containsKey(path) ? "b/" + path : "/dev/null", b));
        }
        return out;
    }

    private static Map<String, String> files(Compiler.Result result) {
        assertTrue(result.ok(), Specs.rendered(result));
        Map<String, String> out = new TreeMap<>();
        for (GeneratedFile f : result.files()) out.put(f.path(), f.content());
        return out;
    }

    private static List<String> changedLines(String diff) {
        return diff.lines().filter(l -> (l.startsWith("+") || l.startsWith("-"))
                && !l.startsWith("+++") && !l.startsWith("---")).toList();
    }
}
