package dev.deployc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Trees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The hand-read command lines ({@link HotPath}) behave exactly as picocli's model does: the same
 * standard output, standard error, exit code and files, for good, bad and odd command lines.
 * Each command line runs twice in the same place, once per path, with everything it wrote removed
 * in between, so even the paths in messages must agree.
 */
class HotPathEquivalenceTest {

    private static final String GOOD = "project \"shop\" { module = \"example.com/shop\"  go = \"1.22\"  version_var = \"main.v\" }\n"
            + "service \"web\" { socket { listen = 8080 } }\n";

    private static Path dir;

    @BeforeContainer
    static void specs() throws IOException {
        dir = Files.createTempDirectory("deployc-hotpath");
        Files.writeString(dir.resolve("shop.deploy"), GOOD);
        Files.writeString(dir.resolve("other.deploy"), GOOD.replace("\"shop\"", "\"other\""));
        Files.writeString(dir.resolve("bad.deploy"), GOOD.replace("listen = 8080", "listen = 80800"));
        Files.writeString(dir.resolve("broken.deploy"), "project \"x\" {");
        Files.writeString(dir.resolve("with space.deploy"), GOOD.replace("\"shop\"", "\"spaced\""));
        Files.createDirectories(dir.resolve("adir.deploy"));
        Files.writeString(dir.resolve("args.txt"), "shop.deploy\n");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        Trees.delete(dir);
    }

    /** Words a command line is made of; SPEC:, OUT and DIR are made absolute under the test's directory. */
    private static final List<String> WORDS = List.of(
            "SPEC:shop.deploy", "SPEC:other.deploy", "SPEC:bad.deploy", "SPEC:broken.deploy", "SPEC:missing.deploy",
            "SPEC:with space.deploy", "SPEC:adir.deploy", "SPEC:",
            "--out", "OUT", "--out=OUT", "--out=", "--out=OUT2", "--format", "json", "github", "text", "JSON", "yaml",
            "--format=json", "--format=github", "--format=text", "--format=", "--format=xml", "--all", "--all=true",
            "-", "--", "-h", "--help", "-V", "--version", "--outx", "--ou", "-o", "@" + "ARGS", "@missing", "", " ",
            "build", "check", "fmt", "a\u0000b.deploy", "--out=a\u0000b");

    @Provide
    Arbitrary<List<String>> commandLines() {
        Arbitrary<String> command = Arbitraries.of("build", "check", "build", "check", "fmt", "--out", "");
        return command.flatMap(c -> Arbitraries.of(WORDS).list().ofMaxSize(6).map(rest -> {
            List<String> line = new ArrayList<>();
            line.add(c);
            line.addAll(rest);
            // `--all` without a spec walks the working directory (the repository); with one it is a usage error.
            if (line.contains("--all") && line.stream().noneMatch(w -> w.startsWith("SPEC:"))) line.add("SPEC:shop.deploy");
            return line;
        }));
    }

    @Property(tries = 300, seed = "1717")
    void bothPathsPrintExitAndWriteAlike(@ForAll("commandLines") List<String> line) {
        String[] args = line.stream().map(HotPathEquivalenceTest::concrete).toArray(String[]::new);
        assertEquals(run(args, false), run(args, true), String.join(" ", line));
    }

    @Property(tries = 1)
    void theCommonCommandLinesTakeTheHotPathAndTheRestDoNot() {
        for (List<String> hot : List.<List<String>>of(List.of("build", "SPEC:shop.deploy", "--out", "OUT"),
                List.of("check", "--format=json", "SPEC:shop.deploy", "SPEC:bad.deploy", "--out=OUT"),
                List.of("check", "--all"), List.of("build"), List.of("check", "--format", "github", "SPEC:shop.deploy"))) {
            String[] args = hot.stream().map(HotPathEquivalenceTest::concrete).toArray(String[]::new);
            assertTrue(HotPath.parse(args).isPresent(), String.join(" ", hot));
        }
        for (List<String> cold : List.<List<String>>of(List.of("build", "--help"), List.of("build", "SPEC:shop.deploy", "--out", "OUT", "--out", "OUT"),
                List.of("check", "--format", "yaml", "SPEC:shop.deploy"), List.of("build", "--", "SPEC:shop.deploy"),
                List.of("build", "@ARGS"), List.of("build", "--out"), List.of("build", "--out", "--all"), List.of("fmt", "SPEC:shop.deploy"),
                List.of("build", "--all", "--all"), List.of("build", "a\u0000b.deploy"), List.<String>of())) {
            String[] args = cold.stream().map(HotPathEquivalenceTest::concrete).toArray(String[]::new);
            assertTrue(HotPath.parse(args).isEmpty(), String.join(" ", cold));
        }
    }

    private static String concrete(String word) {
        if (word.startsWith("SPEC:")) return dir.resolve(word.substring("SPEC:".length())).toString();
        return word.replace("OUT2", dir.resolve("out2").toString()).replace("OUT", dir.resolve("out").toString())
                .replace("@ARGS", "@" + dir.resolve("args.txt"));
    }

    /** Runs one path; returns the exit code, what was printed, and every file written, then removes those files. */
    private static String run(String[] args, boolean picocli) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        PrintWriter out = new PrintWriter(stdout);
        PrintWriter err = new PrintWriter(stderr);
        int exit = picocli ? Main.runWithPicocli(out, err, args) : Main.run(out, err, args);
        try {
            StringBuilder files = new StringBuilder();
            for (String output : List.of("out", "out2", "generated")) {
                Path o = dir.resolve(output);
                if (Files.exists(o)) {
                    Map<String, String> tree = Trees.read(o);
                    files.append(output).append(": ").append(tree).append('\n');
                    Trees.delete(o);
                }
            }
            return "exit " + exit + "\nout:\n" + stdout + "\nerr:\n" + stderr + "\nfiles:\n" + files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
