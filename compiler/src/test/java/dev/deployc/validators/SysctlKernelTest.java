package dev.deployc.validators;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.schema.SysctlKeys;
import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The kernel setting names deployc knows, and those in generated files, exist in the running kernel. */
class SysctlKernelTest {

    private static final Path PROC_SYS = Path.of("/proc/sys");

    @Test
    void everyKnownKeyExistsInTheRunningKernel() {
        Assumptions.assumeTrue(Files.isDirectory(PROC_SYS.resolve("kernel")), "no /proc/sys here: not a Linux kernel");
        for (SysctlKeys.Key key : SysctlKeys.all()) {
            assertTrue(Files.exists(procPath(key.name())), key.name() + " is not in /proc/sys");
        }
    }

    @Test
    void everyGeneratedKeyExistsInTheRunningKernel() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(PROC_SYS.resolve("kernel")), "no /proc/sys here: not a Linux kernel");
        Map<String, String> files = Tools.generated(".conf");
        assertTrue(!files.isEmpty(), "expected sysctl.d files in goldens and samples");
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (!f.getKey().contains("/sysctl.d/")) continue; // sysusers.d files are .conf too
            for (String line : f.getValue().split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String key = line.substring(0, line.indexOf(" = "));
                assertTrue(Files.exists(procPath(key)), key + " of " + f.getKey() + " is not in /proc/sys");
            }
        }
    }

    private static Path procPath(String key) {
        return PROC_SYS.resolve(key.replace('.', '/'));
    }
}
