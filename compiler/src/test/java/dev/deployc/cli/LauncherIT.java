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
    private static final Path JAR = Path.of("target/deployc.jar").toAbsolutePath();

    @TempDir
    Path cache;

    @Test
    void printsOnlyWhatDeploycPrintsAndTrainsAnArchiveForThisJarPathAndJdk() throws Exception {
        Tools.Outcome version = Tools.run(cache, Map.of("XDG_CACHE_HOME", cache.toString()), List.of(LAUNCHER.toString(), "--version"), 60);
        assertEquals(0, version.exitCode());
        assertEquals("deployc 0.1.0\n", version.output(), "the launcher and the JVM must print nothing of their own");

        Path archive = waitForArchive(cache.resolve("deployc"), 90);
        String name = archive.getFileName().toString();
        String sum = Files.readString(JAR.resolveSibling("deployc.jar.sum")).strip().substring(0, 16);
        assertTrue(name.startsWith("deployc-" + sum + "-"), name + " should name the jar's checksum " + sum);
        assertTrue(name.contains("-" + System.getProperty("java.specification.version")), name + " should name the JDK");
        assertTrue(name.contains(JAR.toRealPath().toString().replace('/', '~')), name + " should name the jar's real path");

        Tools.Outcome withArchive = Tools.run(cache, Map.of("XDG_CACHE_HOME", cache.toString()), List.of(LAUNCHER.toString(), "--version"), 60);
        assertEquals("deployc 0.1.0\n", withArchive.output());
    }

    /** The same jar at another path gets an archive of its own (the JVM would refuse the first one there). */
    @Test
    void aCheckoutElsewhereGetsItsOwnArchive() throws Exception {
        Path other = checkout(cache.resolve("other checkout"), Files.readString(JAR.resolveSibling("deployc.jar.sum")));
        Tools.Outcome o = Tools.run(cache, Map.of("XDG_CACHE_HOME", cache.toString()), List.of(other.resolve("bin/deployc").toString(), "--version"), 60);
        assertEquals("deployc 0.1.0\n", o.output());
        String name = waitForArchive(cache.resolve("deployc"), 90).getFileName().toString();
        assertTrue(name.contains(other.toRealPath().resolve("target/deployc.jar").toString().replace('/', '~')), name);
    }

    /**
     * An archive older than its jar (the jar touched, or copied over with the same content) is one the
     * JVM refuses, and a refused static archive turns all class sharing off: it is not passed to java,
     * and it is trained again.
     */
    @Test
    void anArchiveOlderThanItsJarIsNotUsedAndIsTrainedAgain() throws Exception {
        Path strace = Tools.require("strace", "apt-get install strace");
        Path other = checkout(cache.resolve("touched"), Files.readString(JAR.resolveSibling("deployc.jar.sum")));
        Path caches = Files.createDirectories(cache.resolve("xdg"));
        Map<String, String> env = Map.of("XDG_CACHE_HOME", caches.toString());
        List<String> version = List.of(other.resolve("bin/deployc").toString(), "--version");
        assertEquals("deployc 0.1.0\n", Tools.run(cache, env, version, 60).output());
        Path archive = waitForArchive(caches.resolve("deployc"), 90);
        java.time.Instant jarTime = Files.getLastModifiedTime(other.resolve("target/deployc.jar")).toInstant();
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.from(jarTime.minusSeconds(60)));

        Path log = cache.resolve("strace.txt");
        List<String> traced = new java.util.ArrayList<>(List.of(strace.toString(), "-f", "-s", "4096", "-o", log.toString(), "-e", "trace=execve"));
        traced.addAll(version);
        assertEquals("deployc 0.1.0\n", Tools.run(cache, env, traced, 60).output());
        String run = Files.readAllLines(log).stream().filter(l -> l.contains("execve(") && l.contains("--version"))
                .filter(l -> l.contains("/java\"")).findFirst().orElseThrow();
        assertTrue(!run.contains(archive.getFileName().toString()), "the stale archive was passed to java: " + run);
        for (int i = 0; i < 360 && !Files.getLastModifiedTime(archive).toInstant().isAfter(jarTime); i++) Thread.sleep(250);
        assertTrue(Files.getLastModifiedTime(archive).toInstant().isAfter(jarTime), "the archive was not trained again");
    }

    /**
     * A training killed outright (SIGKILL, or the machine going down) leaves its lock behind. The lock
     * names the trainer's pid, and a lock whose trainer is gone is taken over, so the jar still gets its archive.
     */
    @Test
    void aKilledTrainingDoesNotKeepTheArchiveFromBeingMade() throws Exception {
        Path other = checkout(cache.resolve("killed"), Files.readString(JAR.resolveSibling("deployc.jar.sum")));
        Path caches = Files.createDirectories(cache.resolve("xdg"));
        Map<String, String> env = Map.of("XDG_CACHE_HOME", caches.toString());
        List<String> version = List.of(other.resolve("bin/deployc").toString(), "--version");
        assertEquals("deployc 0.1.0\n", Tools.run(cache, env, version, 60).output());
        Path pidFile = null;
        for (int i = 0; i < 200 && pidFile == null; i++) {
            try (Stream<Path> s = Files.list(caches.resolve("deployc"))) {
                pidFile = s.filter(p -> p.toString().endsWith(".lock")).map(p -> p.resolve("pid")).filter(Files::exists).findFirst().orElse(null);
            }
            if (pidFile == null) Thread.sleep(50);
        }
        assertTrue(pidFile != null, "the training lock names no trainer");
        ProcessHandle trainer = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
        trainer.descendants().forEach(ProcessHandle::destroyForcibly);
        trainer.destroyForcibly();
        trainer.onExit().get();
        assertTrue(Files.isDirectory(pidFile.getParent()), "the killed training should have left its lock");
        try (Stream<Path> s = Files.list(caches.resolve("deployc"))) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")).toList(),
                    "the training was killed before it made an archive");
        }

        assertEquals("deployc 0.1.0\n", Tools.run(cache, env, version, 60).output());
        waitForArchive(caches.resolve("deployc"), 90);
    }

    /** The checksum file is read into a file name: one that is not a checksum is not used, and nothing lands outside the cache. */
    @Test
    void aDamagedChecksumFileIsNotUsedInTheArchiveName() throws Exception {
        Path other = checkout(cache.resolve("damaged"), "../../../escaped\n");
        Path caches = Files.createDirectories(cache.resolve("xdg"));
        Tools.Outcome o = Tools.run(cache, Map.of("XDG_CACHE_HOME", caches.toString()), List.of(other.resolve("bin/deployc").toString(), "--version"), 60);
        assertEquals("deployc 0.1.0\n", o.output());
        String name = waitForArchive(caches.resolve("deployc"), 90).getFileName().toString();
        assertTrue(name.matches("deployc-[0-9]+-.*"), name + " should be named by the jar's own cksum");
        try (Stream<Path> all = Files.walk(cache)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().contains("escaped")).toList());
        }
    }

    /**
     * On the usual path (archive made, the jar's checksum written by `mvn package`, java found before)
     * the launcher forks nothing: under dash, the shell's only process call is the exec of java.
     */
    @Test
    void runsUnderDashAndForksNothingOnTheUsualPath() throws Exception {
        Path dash = Tools.require("dash", "apt-get install dash");
        Path strace = Tools.require("strace", "apt-get install strace");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString(), "PATH", "/usr/bin:/bin");
        assertEquals("deployc 0.1.0\n", Tools.run(cache, env, List.of(dash.toString(), LAUNCHER.toString(), "--version"), 60).output());
        waitForArchive(cache.resolve("deployc"), 90);
        Path log = cache.resolve("strace.txt");
        Tools.Outcome traced = Tools.run(cache, env, List.of(strace.toString(), "-f", "-o", log.toString(),
                "-e", "trace=fork,vfork,clone,clone3,execve", dash.toString(), LAUNCHER.toString(), "--version"), 60);
        assertEquals("deployc 0.1.0\n", traced.output());
        List<String> calls = Files.readAllLines(log);
        String shell = calls.get(0).split(" ")[0];
        List<String> beforeJava = new java.util.ArrayList<>();
        for (String call : calls) {
            if (!call.startsWith(shell + " ")) continue;
            if (call.contains("execve(") && call.contains("java\"")) break;
            beforeJava.add(call);
        }
        assertEquals(List.of(), beforeJava.stream().filter(c -> !c.contains("execve(\"" + dash)).toList(),
                "the launcher forked or ran a program before java");
    }

    /** The launcher calls only POSIX utilities, with POSIX options: no readlink -f, sha256sum, stat -c or find -maxdepth. */
    @Test
    void usesNoGnuOnlyOptions() throws Exception {
        Map<String, java.util.Set<String>> allowed = Map.of(
                "readlink", java.util.Set.of("--"), "ls", java.util.Set.of("-ld", "--"), "cksum", java.util.Set.of(),
                "mkdir", java.util.Set.of("-p"), "mv", java.util.Set.of("-f"), "rm", java.util.Set.of("-f", "-rf"),
                "find", java.util.Set.of("-name", "-mtime", "-prune", "-exec", "-rf")); // -rf: rm's, run by -exec
        java.util.regex.Pattern call = java.util.regex.Pattern.compile("(?:^|[;&|(]|\\$\\(|then|do|else)\\s*(readlink|ls|cksum|mkdir|mv|rm|find"
                + "|sed|awk|grep|stat|sha256sum|shasum|realpath|dirname|basename|date|xargs|cut|tr|head|tail|sort|wc|md5sum)\\b([^;&|)]*)");
        int calls = 0;
        for (String line : Files.readAllLines(LAUNCHER)) {
            String code = line.strip();
            if (code.startsWith("#")) continue;
            java.util.regex.Matcher m = call.matcher(code);
            while (m.find()) {
                calls++;
                String utility = m.group(1);
                assertTrue(allowed.containsKey(utility), "`" + utility + "` in: " + code);
                for (String word : m.group(2).trim().split("\\s+")) {
                    if (word.startsWith("-") && !word.matches("-?\\d+")) {
                        assertTrue(allowed.get(utility).contains(word), "`" + utility + " " + word + "` is not POSIX, in: " + code);
                    }
                }
            }
        }
        assertTrue(calls >= 5, "the check must see the launcher's utility calls; it saw " + calls);
    }

    /** A CompileCommand naming a method that is not there (renamed, or gone in a new FreeMarker) is silently void. */
    @Test
    void everyMethodTheLauncherTunesByNameExists() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("CompileCommand=[A-Za-z]+,([\\w.$]+)::(\\w+)")
                .matcher(Files.readString(LAUNCHER));
        int named = 0;
        while (m.find()) {
            named++;
            String method = m.group(2);
            Class<?> type = Class.forName(m.group(1), false, getClass().getClassLoader());
            assertTrue(java.util.Arrays.stream(type.getDeclaredMethods()).anyMatch(x -> x.getName().equals(method)),
                    type.getName() + " has no method " + method);
        }
        assertTrue(named >= 2, "the check must see the launcher's CompileCommands; it saw " + named);
    }

    @Test
    void trainsNothingWhenAskedNotTo() throws Exception {
        Tools.Outcome o = Tools.run(cache, Map.of("XDG_CACHE_HOME", cache.toString(), "DEPLOYC_NO_TRAINING", "1"),
                List.of(LAUNCHER.toString(), "--version"), 60);
        assertEquals("deployc 0.1.0\n", o.output());
        Thread.sleep(2000);
        assertTrue(!Files.exists(cache.resolve("deployc")) || noArchive(cache.resolve("deployc")),
                "no archive, training directory or lock may be made (the remembered java path may)");
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

    /** A checkout of the launcher, the packaged jar with {@code sum} as its checksum file, and the sample it trains on. */
    private static Path checkout(Path at, String sum) throws Exception {
        Files.createDirectories(at.resolve("bin"));
        Files.createDirectories(at.resolve("target"));
        Files.createDirectories(at.resolve("samples"));
        Files.copy(LAUNCHER, at.resolve("bin/deployc"));
        at.resolve("bin/deployc").toFile().setExecutable(true);
        Files.writeString(at.resolve("pom.xml"), "");
        Files.copy(JAR, at.resolve("target/deployc.jar"));
        Files.writeString(at.resolve("target/deployc.jar.sum"), sum);
        Files.copy(Path.of("samples/storefront.deploy"), at.resolve("samples/storefront.deploy"));
        return at;
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

    private static boolean noArchive(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.noneMatch(p -> p.getFileName().toString().startsWith("deployc-"));
        }
    }
}
