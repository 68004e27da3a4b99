package dev.deployc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/deployc, run against the packaged jar: quiet, and a class-data archive made in the background. */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin/deployc").toAbsolutePath();

    @TempDir
    Path cache;

    @Test
    void printsOnlyWhatDeploycPrintsAndTrainsAnArchiveForThisJarAndJdk() throws Exception {
        Tools.Outcome version = Tools.run(cache, Map.of("XDG_CACHE_HOME", cache.toString()), List.of(LAUNCHER.toString(), "--version"), 60);
        assertEquals(0, version.exitCode());
        assertEquals("deployc 0.1.0\n", version.output(), "the launcher and the JVM must print nothing of their own");

        Path archive = waitForArchive(cache.resolve("deployc"), 60);
        String jdk = System.getProperty("java.specification.version");
        String sum = Tools.run(cache, Map.of(), List.of("sh", "-c", "cksum < '" + Path.of("target/deployc.jar").toAbsolutePath()
                + "' | cut -d ' ' -f 1"), 30).output().strip();
        assertTrue(archive.getFileName().toString().startsWith("deployc-" + sum + "-"), archive.toString());
        assertTrue(archive.getFileName().toString().contains("-" + jdk), archive + " should name JDK " + jdk);

        Tools.Outcome withArchive = Tools.run(cache, Map.of("XDG_CACHE_HOME", cache.toString()), List.of(LAUNCHER.toString(), "--version"), 60);
        assertEquals("deployc 0.1.0\n", withArchive.output());
    }

    @Test
    void trainsNothingWhenAskedNotTo() throws Exception {
        Tools.Outcome o = Tools.run(cache, Map.of("XDG_CACHE_HOME", cache.toString(), "DEPLOYC_NO_TRAINING", "1"),
                List.of(LAUNCHER.toString(), "--version"), 60);
        assertEquals("deployc 0.1.0\n", o.output());
        Thread.sleep(2000);
        assertTrue(!Files.exists(cache.resolve("deployc")) || isEmpty(cache.resolve("deployc")));
    }

    @Test
    void worksThroughAChainOfSymlinksFromAnyDirectory() throws Exception {
        Path bin = Files.createDirectories(cache.resolve("home/.local/bin"));
        Path other = Files.createDirectories(cache.resolve("elsewhere"));
        Files.createSymbolicLink(other.resolve("deployc-real"), LAUNCHER);
        Files.createSymbolicLink(bin.resolve("deployc"), Path.of("../../../elsewhere/deployc-real"));
        Tools.Outcome o = Tools.run(cache, Map.of("XDG_CACHE_HOME", cache.toString(), "DEPLOYC_NO_TRAINING", "1",
                "PATH", bin + ":/usr/bin:/bin"), List.of("sh", "-c", "cd / && deployc --version"), 60);
        assertEquals("deployc 0.1.0\n", o.output());
        assertEquals(0, o.exitCode());
    }

    @Test
    void aCopiedLauncherNamesTheRealProblem() throws Exception {
        Path bin = Files.createDirectories(cache.resolve("copy/bin"));
        Files.copy(LAUNCHER, bin.resolve("deployc"));
        bin.resolve("deployc").toFile().setExecutable(true);
        Tools.Outcome o = Tools.run(cache, Map.of("DEPLOYC_NO_TRAINING", "1"), List.of(bin.resolve("deployc").toString(), "--version"), 60);
        assertEquals(2, o.exitCode());
        assertTrue(o.output().contains("is not in a deployc checkout") && o.output().contains("ln -s"), o.output());
    }

    private static Path waitForArchive(Path dir, int seconds) throws Exception {
        for (int i = 0; i < seconds * 4; i++) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    var found = s.filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")).findFirst();
                    if (found.isPresent()) return found.get();
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no archive appeared in " + dir + " within " + seconds + "s");
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
