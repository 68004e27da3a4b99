package dev.deployc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, items 5 and 8, with real processes: two builds into one directory at once, and a build
 * killed with SIGKILL between writing a temporary file and renaming it. Each build is held for a
 * moment before each rename ({@code -Ddeployc.test.holdBeforeRename}) so the race is certain, not lucky.
 */
class ConcurrentBuildsTest {

    @TempDir
    Path dir;

    /** A work tree root, so this JVM and the child builds name the specs alike. */
    @org.junit.jupiter.api.BeforeEach
    void workTree() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
    }

    private static String spec(String project) {
        return "project \"" + project + "\" { module = \"example.com/" + project + "\"  go = \"1.22\"  version_var = \"main.v\" }\n"
                + "service \"web\" { socket { listen = 8080 } }\n";
    }

    private Process start(Path spec, Path out, long holdMillis, String lockTimeout) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                "-Ddeployc.test.holdBeforeRename=" + holdMillis, "dev.deployc.cli.Main", "build", spec.toString(),
                "--out", out.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        if (lockTimeout != null) pb.environment().put("DEPLOYC_LOCK_TIMEOUT", lockTimeout);
        return pb.start();
    }

    private static String finish(Process p) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "build did not finish");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void twoBuildsIntoOneDirectoryKeepEveryManifestEntry() throws Exception {
        Path a = Files.writeString(dir.resolve("a.deploy"), spec("alpha"));
        Path b = Files.writeString(dir.resolve("b.deploy"), spec("beta"));
        for (int round = 0; round < 2; round++) {
            Path out = dir.resolve("out-" + round);
            Process pa = start(a, out, 150, null);
            Process pb = start(b, out, 150, null);
            String outA = finish(pa);
            String outB = finish(pb);
            assertEquals(0, pa.exitValue(), "first build: " + outA);
            assertEquals(0, pb.exitValue(), "second build: " + outB);
            String manifest = Files.readString(out.resolve(".deployc-manifest"));
            assertTrue(manifest.contains("\"a.deploy\"") && manifest.contains("\"b.deploy\""), manifest);
            assertTrue(manifest.contains("alpha/systemd/alpha-web.socket") && manifest.contains("beta/systemd/beta-web.socket"), manifest);
            Cli.Run check = Cli.run("check", a.toString(), b.toString(), "--out", out.toString());
            assertEquals(0, check.exit(), check.err());
        }
    }

    @Test
    void aSecondBuildGivesUpAfterTheTimeoutWithAClearMessage() throws Exception {
        Path a = Files.writeString(dir.resolve("a.deploy"), spec("alpha"));
        Path out = dir.resolve("out");
        Process holder = start(a, out, 4000, null);
        try {
            waitForTemporaryFile(out);
            Process second = start(a, out, 0, "0.5");
            String text = finish(second);
            assertEquals(2, second.exitValue(), text);
            assertTrue(text.contains("another deployc is writing to"), text);
        } finally {
            finish(holder);
        }
        assertEquals(0, holder.exitValue());
    }

    @Test
    void aBuildKilledMidWriteLeavesNothingTheNextBuildDoesNotCleanUp() throws Exception {
        Path a = Files.writeString(dir.resolve("a.deploy"), spec("alpha"));
        Path out = dir.resolve("out");
        Process p = start(a, out, 60_000, null);
        List<Path> temporary = waitForTemporaryFile(out);
        p.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(temporary.isEmpty());
        assertTrue(Files.exists(temporary.get(0)), "the killed build left its temporary file");
        Path notOurs = Files.writeString(out.resolve(".notes.deployc-tmp"), "not ours: no number in its name");
        Path alsoNotOurs = Files.writeString(out.resolve("draft.1.deployc-tmp"), "not ours: not hidden");
        Cli.Run again = Cli.run("build", a.toString(), "--out", out.toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(List.of(), temporaryFiles(out).stream().filter(t -> !t.equals(notOurs) && !t.equals(alsoNotOurs)).toList());
        assertTrue(Files.exists(notOurs) && Files.exists(alsoNotOurs), "others' files are not touched");
        assertEquals(0, Cli.run("check", a.toString(), "--out", out.toString()).exit());
    }

    private static List<Path> waitForTemporaryFile(Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Path> found = temporaryFiles(out);
            if (!found.isEmpty()) return found;
            Thread.sleep(20);
        }
        throw new AssertionError("the build never wrote a temporary file");
    }

    private static List<Path> temporaryFiles(Path out) throws IOException {
        if (!Files.isDirectory(out)) return List.of();
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".deployc-tmp")).toList();
        } catch (java.io.UncheckedIOException e) {
            return List.of(); // a file vanished while walking: the build is renaming
        }
    }
}
