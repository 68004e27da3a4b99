package dev.deployc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated build.sh and rollout script is clean under {@code shellcheck -s bash -o all}, at
 * every severity; so is the host agent a rollout script sends over the transport, which shellcheck
 * cannot see inside its here-document.
 */
class ShellcheckTest {

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyBuildScriptIsClean() throws Exception {
        Map<String, String> scripts = Tools.generated("/build.sh");
        assertTrue(scripts.size() >= 5, "expected build scripts in goldens and samples, found " + scripts.keySet());
        return scripts.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tools.Outcome o = shellcheck(e.getValue());
            assertEquals("", o.output(), "shellcheck findings");
            assertEquals(0, o.exitCode());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRolloutScriptAndItsAgentIsClean() throws Exception {
        Map<String, String> scripts = new java.util.TreeMap<>();
        Tools.generated(".sh").forEach((name, text) -> {
            if (name.contains("/rollout-")) {
                scripts.put(name, text);
                scripts.put(name + " (agent)", agent(text));
            }
        });
        assertTrue(scripts.size() >= 6, "expected rollout scripts in goldens and samples, found " + scripts.keySet());
        return scripts.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tools.Outcome o = shellcheck(e.getValue());
            assertEquals("", o.output(), "shellcheck findings");
            assertEquals(0, o.exitCode());
        }));
    }

    /** The agent's source: the body of the {@code AGENT} here-document, as a script of its own. */
    static String agent(String rollout) {
        int start = rollout.indexOf("cat <<'AGENT'\n");
        int end = rollout.indexOf("\nAGENT\n", start);
        assertTrue(start > 0 && end > start, "no agent here-document found");
        return "#!/usr/bin/env bash\n" + rollout.substring(start + "cat <<'AGENT'\n".length(), end + 1);
    }

    /** The launcher and the hook run under any POSIX sh (dash, busybox), so they are checked as sh. */
    @Test
    void theLauncherAndTheHookArePosixSh() throws Exception {
        Path shellcheck = Tools.require("shellcheck", "apt-get install shellcheck");
        for (String script : List.of("bin/deployc", "docs/git-pre-commit")) {
            Tools.Outcome o = Tools.run(Path.of("."), Map.of(), List.of(shellcheck.toString(), "-s", "sh", "-f", "gcc", script), 60);
            assertEquals("", o.output(), "shellcheck findings in " + script);
            assertEquals(0, o.exitCode());
        }
        Tools.Outcome hook = Tools.run(Path.of("."), Map.of(),
                List.of(shellcheck.toString(), "-s", "sh", "-o", "all", "-f", "gcc", "docs/git-pre-commit"), 60);
        assertEquals("", hook.output(), "the hook is clean under -o all");
    }

    @Test
    void shellcheckCatchesAnUnquotedVariable() throws Exception {
        Tools.Outcome o = shellcheck("#!/usr/bin/env bash\nset -euo pipefail\nx=\"$1\"\nrm -rf $x\n");
        assertNotEquals(0, o.exitCode());
        assertTrue(o.output().contains("SC2086"), o.output());
    }

    private Tools.Outcome shellcheck(String script) throws Exception {
        Path shellcheck = Tools.require("shellcheck", "apt-get install shellcheck");
        Path file = Files.createTempFile(temp, "build", ".sh");
        Files.writeString(file, script);
        return Tools.run(temp, Map.of(), List.of(shellcheck.toString(), "-s", "bash", "-o", "all", "-f", "gcc", file.toString()), 60);
    }
}
