package dev.deployc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.Compiler;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.support.Specs;
import dev.deployc.support.Tools;
import dev.deployc.support.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated build.sh of samples/greeter.deploy builds the real Go service in samples/greeter:
 * static binaries, the version really stamped, and identical checksums from two checkouts.
 */
class GoBuildEndToEndTest {

    private static final Map<String, String> STAMP = Map.of(
            "VERSION", "1.2.3", "COMMIT", "abc1234", "DATE", "2026-01-02T03:04:05Z", "GOFLAGS", "");

    @TempDir
    Path temp;

    @Test
    void buildsStaticStampedReproducibleBinaries() throws Exception {
        Tools.require("go", "apt-get install golang-go");
        Tools.require("readelf", "apt-get install binutils");
        String script = buildScript(Path.of("samples/greeter.deploy"));
        Path first = checkout(temp.resolve("a/greeter"));
        Path second = checkout(temp.resolve("b/elsewhere/deeper/greeter"));

        Tools.Outcome one = run(first, script);
        assertEquals(0, one.exitCode(), one.output());
        Tools.Outcome two = run(second, script);
        assertEquals(0, two.exitCode(), two.output());

        for (String target : List.of("linux_amd64", "linux_arm64")) {
            Path binary = first.resolve("dist").resolve(target).resolve("greeter");
            assertTrue(Files.exists(binary), binary + " was not built");
            assertFalse(ElfHeaders.hasInterpreter(binary), binary + " has a program interpreter: not static");
        }
        assertTrue(Files.exists(first.resolve("dist/darwin_arm64/greeter")));

        String arch = System.getProperty("os.arch").equals("aarch64") ? "linux_arm64" : "linux_amd64";
        Tools.Outcome version = Tools.run(first, Map.of(), List.of(first.resolve("dist/" + arch + "/greeter").toString(), "-version"), 30);
        assertEquals("greeter 1.2.3 (commit abc1234, built 2026-01-02T03:04:05Z)\n", version.output());

        String sums = Files.readString(first.resolve("dist/SHA256SUMS"));
        assertEquals(3, sums.lines().count(), sums);
        assertEquals(sums, Files.readString(second.resolve("dist/SHA256SUMS")), "builds from two checkouts differ");
    }

    @Test
    void stopsWhenTheInstalledGoIsTooOld() throws Exception {
        Tools.require("go", "apt-get install golang-go");
        String original = Files.readString(Path.of("samples/greeter.deploy"));
        String spec = original.replaceFirst("(?m)^(\\s*go\\s*=\\s*)\"1\\.19\"", "$1\"1.99\"");
        assertNotEquals(original, spec, "the sample's go version was not found to change");
        String script = buildScript(spec);
        Tools.Outcome o = run(checkout(temp.resolve("old/greeter")), script);
        assertEquals(1, o.exitCode(), o.output());
        assertTrue(o.output().contains("Go 1.99 or newer is needed, found 1.19"), o.output());
    }

    @Test
    void stopsOnADynamicallyLinkedBinary() throws Exception {
        Path readelf = Tools.require("readelf", "apt-get install binutils");
        // A stand-in `go` that "builds" by copying a dynamically linked system program.
        Path bin = Files.createDirectories(temp.resolve("fakebin"));
        Files.writeString(bin.resolve("go"), """
                #!/bin/sh
                case "$1" in
                  env) echo go1.22.0 ;;
                  list) echo example.com/greeter ;;
                  build) while [ "$1" != -o ]; do shift; done; cp /bin/ls "$2" ;;
                esac
                """);
        bin.resolve("go").toFile().setExecutable(true);
        Path module = checkout(temp.resolve("dyn/greeter"));
        Map<String, String> env = new java.util.HashMap<>(STAMP);
        env.put("PATH", bin + ":" + readelf.getParent() + ":/usr/bin:/bin");
        Path script = module.resolve("build.sh");
        Files.writeString(script, buildScript(Path.of("samples/greeter.deploy")));
        Tools.Outcome o = Tools.run(module, env, List.of("bash", script.toString(), "--out", "dist"), 60);
        assertNotEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("is dynamically linked"), o.output());
    }

    private static String buildScript(Path spec) throws Exception {
        return buildScript(Files.readString(spec));
    }

    private static String buildScript(String spec) {
        Compiler.Result r = Specs.compile("greeter.deploy", spec);
        assertTrue(r.ok(), Specs.rendered(r));
        return r.files().stream().filter(f -> f.path().endsWith("/build.sh")).map(GeneratedFile::content).findFirst().orElseThrow();
    }

    private static Path checkout(Path target) throws Exception {
        return Trees.copy(Path.of("samples/greeter"), target);
    }

    private static Tools.Outcome run(Path module, String script) throws Exception {
        Path file = module.resolve("build.sh");
        Files.writeString(file, script);
        return Tools.run(module, STAMP, List.of("bash", file.toString(), "--out", "dist"), 600);
    }
}
