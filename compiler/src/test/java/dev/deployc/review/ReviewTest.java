package dev.deployc.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.deployc.check.NearbyFiles;
import dev.deployc.diag.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden review summaries: each folder of {@code changes/} (a limits change, a hardening opt-out,
 * a canary weight change, a new and a removed service, a one-value change) holds the spec before
 * and after and {@code expected.md}, the summary a reviewer reads. {@code -Dgolden.update=true}
 * rewrites them and still fails.
 */
class ReviewTest {

    static final Path CASES = Path.of("compiler/src/test/resources/changes");
    static final String SPEC = "deploy/spec.deploy";

    @TestFactory
    Stream<DynamicTest> reviewSummaries() throws IOException {
        try (Stream<Path> s = Files.list(CASES)) {
            return s.filter(Files::isDirectory).sorted().toList().stream()
                    .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
        }
    }

    private static void run(Path dir) throws IOException {
        String actual = Review.markdown(List.of(pair(dir.resolve("before.deploy"), dir.resolve("after.deploy"))), "main");
        Path expected = dir.resolve("expected.md");
        if (Boolean.getBoolean("golden.update")) {
            if ("true".equals(System.getenv("CI"))) fail("-Dgolden.update=true is refused when CI=true");
            Files.writeString(expected, actual);
            fail("updated " + expected + "; read the diff, then run again without -Dgolden.update");
        }
        assertTrue(Files.exists(expected), expected + " is missing (run with -Dgolden.update=true to create it)");
        assertEquals(Files.readString(expected), actual, "the review of " + dir);
    }

    static Review.Pair pair(Path before, Path after) throws IOException {
        return new Review.Pair(SPEC, side(before), side(after));
    }

    private static Optional<Review.Side> side(Path file) throws IOException {
        return Optional.of(new Review.Side(new Source(SPEC, Files.readString(file)), NearbyFiles.in(file.getParent())));
    }

    @Test
    void anUnchangedSpecSaysSo() throws IOException {
        Path spec = CASES.resolve("limits-change/before.deploy");
        assertEquals("## deployc review\n\n1 spec compared with `main`: no change to what gets deployed.\n",
                Review.markdown(List.of(pair(spec, spec)), "main"));
    }

    @Test
    void aReformattedSpecIsNoChange() throws IOException {
        Path spec = CASES.resolve("limits-change/before.deploy");
        Path reformatted = Files.createTempFile("deployc-review", ".deploy");
        try {
            Files.writeString(reformatted, Files.readString(spec).replace("memory = 512MiB", "memory     =    512MiB")
                    .replace("targets = [\"linux/amd64\", \"linux/arm64\"]", "targets = [ \"linux/amd64\" ,\n \"linux/arm64\" ]"));
            assertTrue(Review.markdown(List.of(pair(spec, reformatted)), "main").endsWith("no change to what gets deployed.\n"));
        } finally {
            Files.delete(reformatted);
        }
    }

    /** The law: a spec compared with itself, or with its formatted self, changes nothing. */
    @TestFactory
    Stream<DynamicTest> everySampleAndGoldenSpecReviewedAgainstItselfIsNoChange() {
        List<Path> specs = new java.util.ArrayList<>(dev.deployc.support.Specs.samples());
        dev.deployc.support.Specs.goldenCases().stream().filter(d -> Files.isDirectory(d.resolve("expected")))
                .forEach(d -> specs.add(d.resolve("input.deploy")));
        return specs.stream().map(spec -> DynamicTest.dynamicTest(spec.toString(), () -> {
            String text = Files.readString(spec);
            String formatted = new dev.deployc.format.Formatter().format(new Source(SPEC, text)).formatted().orElseThrow();
            Review.Side side = new Review.Side(new Source(SPEC, text), NearbyFiles.in(spec.toAbsolutePath().getParent()));
            Review.Side other = new Review.Side(new Source(SPEC, formatted), NearbyFiles.in(spec.toAbsolutePath().getParent()));
            assertTrue(Review.markdown(List.of(new Review.Pair(SPEC, Optional.of(side), Optional.of(other))), "main")
                    .endsWith("no change to what gets deployed.\n"), spec.toString());
        }));
    }

    @Test
    void valuesCannotEscapeTheirCodeSpan() {
        assertEquals("``a`b\\|c``", Markdown.code("a`b|c"));
        assertEquals("`` `x ``", Markdown.code("`x"));
        assertEquals("`x y`", Markdown.code("x\ny"));
    }
}
