package dev.deployc.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Finds and runs the real tools the tests judge output with. */
public final class Tools {

    public record Outcome(int exitCode, String output) {}

    private Tools() {}

    /**
     * The tool's path. Missing: fails under CI (where .ci/run installs it), and is skipped with the
     * reason on a developer's machine.
     */
    public static Path require(String command, String installHint) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) return p;
        }
        return missing(command + " is not installed (" + installHint + ")");
    }

    public static Path requireFile(Path file, String installHint) {
        return Files.exists(file) ? file : missing(file + " is missing (" + installHint + ")");
    }

    /** Running as root: fails under CI (which runs as root), and is skipped with the reason elsewhere. */
    public static void requireRoot(String why) throws IOException, InterruptedException {
        if (run(Path.of("."), Map.of(), List.of("id", "-u"), 10).output().strip().equals("0")) return;
        unavailable(why + ", and this is not root", "CI runs as root", "run the tests as root to include it");
    }

    private static Path missing(String why) {
        unavailable(why, ".ci/run should have installed it", "run .ci/run to install it");
        return null;
    }

    /** Something a test needs is not here: fails under CI with {@code whyNotInCi}, else skips saying {@code howHere}. */
    public static void unavailable(String why, String whyNotInCi, String howHere) {
        if ("true".equals(System.getenv("CI"))) {
            fail(why + "; " + whyNotInCi);
        }
        Assumptions.abort(why + "; skipped here, " + howHere);
    }

    public static Outcome run(Path dir, Map<String, String> env, List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out after " + timeoutSeconds + "s: " + command);
        }
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Every generated file of the goldens and samples whose path ends with {@code suffix}: label → text. */
    public static Map<String, String> generated(String suffix) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Path dir : Specs.goldenCases()) {
            Path expected = dir.resolve("expected");
            if (!Files.isDirectory(expected)) continue;
            try (var walk = Files.walk(expected)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(suffix)).toList()) {
                    out.put(dir.getFileName() + ":" + expected.relativize(p), Files.readString(p));
                }
            }
        }
        for (Path sample : Specs.samples()) {
            var result = Specs.compile(sample, sample.toString());
            result.files().stream().filter(f -> f.path().endsWith(suffix))
                    .forEach(f -> out.put(sample.getFileName() + ":" + f.path(), f.content()));
        }
        return out;
    }
}
