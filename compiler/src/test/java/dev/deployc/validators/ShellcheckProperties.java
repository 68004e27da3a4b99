package dev.deployc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deployc.Compiler;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.support.Specs;
import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Issue 11, item 10: generated scripts are clean under {@code shellcheck -s bash -o all} for every
 * value a spec can hold. Every string key that reaches the rollout script (the canary's
 * `prometheus`, each check's `http` and `query`, a step's `approve`, the health probe, the service's
 * `description`) gets a value made of the characters shells treat specially, all in one spec per
 * try; each such spec compiles, and its rollout script and host agent pass shellcheck.
 */
class ShellcheckProperties {

    private static final String SPECIAL = "$`'\"\\!*?[]{}()<>;&|#~%^=,:@+ \t\u00e9abcXYZ019-_./";
    /** What a URL's path may hold unescaped (RFC 3986), shell-special ones included. */
    private static final String URL_PATH = "$'()*;&=+,!~@:-._/abcXYZ019";

    private static Arbitrary<String> values(String chars) {
        // Ending in a letter: a value ending in `\` is refused, rightly (it would join the unit's next line).
        return Arbitraries.strings().withChars(chars.toCharArray()).ofMinLength(1).ofMaxLength(24).map(s -> s + "z");
    }

    @Provide
    Arbitrary<Tuple.Tuple5<String, String, String, String, String>> fiveValues() {
        return net.jqwik.api.Combinators.combine(values(URL_PATH), values(URL_PATH), values(SPECIAL), values(SPECIAL), values(SPECIAL))
                .as(Tuple::of);
    }

    @Property(tries = 15)
    void everyValueOfEveryStringKeyGivesCleanScripts(@ForAll("fiveValues") Tuple.Tuple5<String, String, String, String, String> v)
            throws Exception {
        String spec = Files.readString(Path.of("golden-tests/ok-canary-all-steps/input.deploy"))
                .replace("prometheus = \"http://127.0.0.1:9090\"", "prometheus = \"http://127.0.0.1:9090/" + literal(v.get1()) + "\"")
                .replace("http = \"http://127.0.0.1:8080/readyz\"", "http = \"http://127.0.0.1:8080/" + literal(v.get2()) + "\"")
                .replace("query    = \"sum(rate(", "query    = \"" + literal(v.get3()) + " + sum(rate(")
                .replace("approve = \"Look at the error dashboard before going wide\"", "approve = \"" + literal(v.get4()) + "\"")
                .replace("health { http = \"http://127.0.0.1:8080/healthz\" }",
                        "description = \"" + literal(v.get5()) + "\"\n  health { command = [\"/usr/bin/probe\", \"" + literal(v.get4())
                                + "\", \"" + literal(v.get3()) + "\"] }");
        Compiler.Result r = Specs.compile("shop.deploy", spec);
        assertEquals(true, r.ok(), () -> "every one of these values is valid, yet:\n" + Specs.rendered(r));
        for (GeneratedFile f : r.files()) {
            // build.sh holds none of these keys (ShellcheckTest covers it); the rollout script holds them all.
            if (!f.path().contains("/rollout-")) continue;
            check(f.path(), f.content(), spec);
            if (f.path().contains("/rollout-")) check(f.path() + " (agent)", ShellcheckTest.agent(f.content()), spec);
        }
    }

    private static void check(String name, String script, String spec) throws Exception {
        Path shellcheck = Tools.require("shellcheck", "apt-get install shellcheck");
        Path file = Files.createTempFile("i11-shellcheck-" + ProcessHandle.current().pid() + "-", ".sh");
        try {
            Files.writeString(file, script);
            Tools.Outcome o = Tools.run(file.getParent(), Map.of(),
                    List.of(shellcheck.toString(), "-s", "bash", "-o", "all", "-f", "gcc", file.toString()), 60);
            assertEquals("", o.output(), () -> name + " of\n" + spec);
            assertEquals(0, o.exitCode());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The value as a spec's string literal. */
    private static String literal(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t");
    }
}
