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

/** Every generated build.sh is clean under {@code shellcheck -s bash -o all}, at every severity. */
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
