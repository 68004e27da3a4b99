package dev.deployc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.deployc.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefetchTest {

    @TempDir
    Path dir;

    private static final String GOOD = "project \"shop\" { module = \"example.com/shop\"  go = \"1.22\"  version_var = \"main.v\" }\n"
            + "service \"web\" { socket { listen = 8080 } }\n";

    @Test
    void guessesTheSpecsOfPlainBuildAndCheckCommandLines() {
        assertEquals(Optional.of(List.of(Path.of("a.deploy"))), Prefetch.guessSpecs("build", "a.deploy", "--out", "gen"));
        assertEquals(Optional.of(List.of(Path.of("a.deploy"), Path.of("b.deploy"))),
                Prefetch.guessSpecs("check", "--format=json", "a.deploy", "--out=gen", "b.deploy"));
        assertEquals(Optional.of(List.of(Path.of("a.deploy"))), Prefetch.guessSpecs("check", "--format", "github", "a.deploy"));
    }

    @Test
    void leavesEverythingElseToPicocli() {
        for (String[] args : List.of(new String[] {"fmt", "a.deploy"}, new String[] {"build"}, new String[] {"build", "--out", "gen"},
                new String[] {"build", "--help"}, new String[] {"build", "-h", "a.deploy"}, new String[] {"build", "@args.txt"},
                new String[] {"check", "--", "a.deploy"}, new String[] {"build", "a\0.deploy"}, new String[] {})) {
            assertEquals(Optional.empty(), Prefetch.guessSpecs(args), String.join(" ", args));
        }
    }

    @Test
    void theRunTakesThePrefetchedCompilationOnlyForExactlyTheGuessedSpecs() throws Exception {
        Path spec = Files.writeString(dir.resolve("shop.deploy"), GOOD);
        Prefetch prefetch = Prefetch.start("build", spec.toString(), "--out", dir.resolve("gen").toString());
        Optional<Compilation.Compiled> compiled = prefetch.of(List.of(spec));
        assertTrue(compiled.isPresent());
        assertTrue(compiled.get().results().get(0).ok(), compiled.get().results().toString());
        assertEquals(Optional.empty(), prefetch.of(List.of(spec, spec)));
        assertEquals(Optional.empty(), Prefetch.start("build", dir.resolve("missing.deploy").toString()).of(List.of(dir.resolve("missing.deploy"))));
    }

    /** Whatever the command line, a run with a prefetch prints, exits and writes exactly what a run without one does. */
    @Test
    void aRunWithAPrefetchIsIndistinguishableFromOneWithout() throws Exception {
        Path good = Files.writeString(dir.resolve("shop.deploy"), GOOD);
        Path bad = Files.writeString(dir.resolve("bad.deploy"), GOOD.replace("listen = 8080", "listen = 80800"));
        Path other = Files.writeString(dir.resolve("other.deploy"), GOOD.replace("\"shop\"", "\"other\""));
        List<List<String>> commandLines = List.of(
                List.of("build", good.toString(), "--out", "OUT"),
                List.of("build", good.toString(), other.toString(), "--out=OUT"),
                List.of("check", good.toString(), "--out", "OUT"),
                List.of("check", "--format", "json", bad.toString(), good.toString(), "--out", "OUT"),
                List.of("build", "--format=github", bad.toString(), "--out", "OUT"),
                List.of("build", dir.resolve("missing.deploy").toString(), "--out", "OUT"),
                List.of("build", good.toString(), good.toString(), "--out", "OUT"),
                List.of("build", good.toString(), "--out", "OUT", "--out", "OUT"),
                List.of("build", good.toString(), "--format", "yaml"));
        for (List<String> commandLine : commandLines) {
            String without = runIn(dir.resolve("without"), commandLine, false);
            String with = runIn(dir.resolve("with"), commandLine, true);
            assertEquals(without, with.replace(dir.resolve("with").toString(), dir.resolve("without").toString()),
                    String.join(" ", commandLine));
        }
    }

    /** Runs in a fresh output directory; returns the exit code, what was printed, and every file written. */
    private static String runIn(Path out, List<String> commandLine, boolean prefetched) throws Exception {
        String[] args = commandLine.stream().map(a -> a.replace("OUT", out.toString())).toArray(String[]::new);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int exit = Main.run(new PrintWriter(stdout), new PrintWriter(stderr), prefetched ? Prefetch.start(args) : Prefetch.NONE, args);
        Map<String, String> files = Files.isDirectory(out) ? Trees.read(out) : Map.of();
        Trees.delete(out);
        return "exit " + exit + "\nout:\n" + stdout + "\nerr:\n" + stderr + "\nfiles: " + files;
    }
}
