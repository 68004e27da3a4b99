package dev.deployc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, item 11: an I/O failure says why, not only where (tests run as root, so the JDK's exception is made here). */
class IoProblemsTest {

    @TempDir
    Path dir;

    @Test
    void permissionDeniedSaysSo() {
        assertEquals("`/srv/out/x.service`: permission denied", IoProblems.describe(new AccessDeniedException("/srv/out/x.service")));
    }

    @Test
    void anOutputDirectoryThatIsAFileSaysWhy() throws Exception {
        Path spec = Files.writeString(dir.resolve("shop.deploy"),
                "project \"shop\" { module = \"example.com/shop\"  go = \"1.22\"  version_var = \"main.v\" }\nservice \"web\" {}\n");
        Path file = Files.writeString(dir.resolve("file"), "");
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "build", spec.toString(), "--out",
                file.resolve("sub").toString());
        assertEquals(2, exit);
        assertTrue(err.toString().matches("(?si).*`[^`]*file[^`]*`: (already exists|not a directory).*"), err.toString());
    }
}
