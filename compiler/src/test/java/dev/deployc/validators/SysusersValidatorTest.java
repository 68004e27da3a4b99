package dev.deployc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * systemd decides: every generated sysusers.d file is applied with {@code systemd-sysusers --root}
 * to a stub root, exits 0, and leaves every {@code u} account in the root's passwd.
 */
class SysusersValidatorTest {

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everySysusersFileCreatesItsAccounts() throws Exception {
        Map<String, String> files = Tools.generated(".conf");
        files.keySet().removeIf(k -> !k.contains("/sysusers.d/"));
        assertFalse(files.isEmpty(), "expected sysusers.d files in the goldens");
        return files.entrySet().stream().map(f -> DynamicTest.dynamicTest(f.getKey(), () -> {
            Path root = Files.createTempDirectory(temp, "root");
            Tools.Outcome out = apply(root, f.getValue());
            assertEquals(0, out.exitCode(), "systemd-sysusers:\n" + out.output());
            String passwd = Files.readString(root.resolve("etc/passwd"));
            for (String line : f.getValue().split("\n")) {
                if (line.startsWith("u ")) {
                    String user = line.split(" ")[1];
                    assertTrue(passwd.contains("\n" + user + ":"), user + " missing from passwd:\n" + passwd);
                }
            }
        }));
    }

    @Test
    void theHarnessCatchesABadEntry() throws Exception {
        assertNotEquals(0, apply(temp, "u 1bad - \"x\"\n").exitCode(), "systemd-sysusers must reject the name 1bad");
    }

    private static Tools.Outcome apply(Path root, String conf) throws Exception {
        Path tool = Tools.require("systemd-sysusers", "apt-get install systemd");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        Path file = root.resolve("input.conf");
        Files.writeString(file, conf);
        return Tools.run(root, Map.of(), List.of(tool.toString(), "--root=" + root, file.toString()), 60);
    }
}
