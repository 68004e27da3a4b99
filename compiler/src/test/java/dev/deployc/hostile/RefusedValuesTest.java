package dev.deployc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.Compiler;
import dev.deployc.check.UnitLineLimit;
import dev.deployc.diag.Diagnostic;
import dev.deployc.support.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 11, items 6 and 7: values systemd or Docker would read differently are refused at compile time, with the reason. */
class RefusedValuesTest {

    private static String sample() throws Exception {
        return Files.readString(Path.of("samples/orders-api.deploy"));
    }

    private static Diagnostic refused(String spec, String why) {
        Compiler.Result r = Specs.compile("a.deploy", spec);
        assertFalse(r.ok(), "accepted:\n" + spec.substring(0, Math.min(spec.length(), 2000)));
        assertTrue(r.files().isEmpty());
        Diagnostic d = r.diagnostics().get(0);
        assertTrue(d.message().contains(why), d.message());
        return d;
    }

    private static String withProgram(String program) throws Exception {
        return sample().replace("exec = [\"/opt/orders/api/current/bin/api\"", "exec = [\"" + program + "\"");
    }

    @Test
    void charactersSystemdRefusesInAProgramPath() throws Exception {
        for (String bad : new String[] {"/opt/a\\\"b", "/opt/a\\\\b", "/opt/a\\tb", "/opt/a'b"}) {
            Diagnostic d = refused(withProgram(bad), "which systemd refuses in the name of a program");
            assertEquals(14, d.span().line(), bad);
        }
    }

    @Test
    void aDollarInAProgramPathThatTheDockerfileWouldExpand() throws Exception {
        refused(withProgram("/opt/$VERSION/api"), "the Dockerfile's COPY to this path would expand it");
    }

    @Test
    void aSpaceInAProgramPathIsFineForBoth() throws Exception {
        Compiler.Result r = Specs.compile("a.deploy", withProgram("/opt/my app/api"));
        assertTrue(r.ok(), Specs.rendered(r));
    }

    @Test
    void unicodeNonCharacters() throws Exception {
        for (String nc : new String[] {"\\u{10FFFF}", "\\u{FFFE}", "\\u{FDD0}", "\\u{1FFFF}", "\uFFFF"}) {
            Diagnostic d = refused(sample().replace("Orders HTTP API", "Orders " + nc), "Unicode non-character");
            assertEquals(12, d.span().line());
        }
        assertTrue(Specs.compile("a.deploy", sample().replace("Orders HTTP API", "Orders \\u{FDCF} \\u{FFFD} \\u{10FFFD}")).ok(),
                "the neighbours of non-characters are fine");
    }

    @Test
    void valuesOverSystemdsLineLimit() throws Exception {
        // systemd 252 reads a line of 1048575 bytes and refuses 1048576 (checked with systemd-analyze verify).
        // The longest line is the socket's: "Description=" (12 bytes), the value, then 16 bytes naming the socket.
        String fits = "a".repeat(UnitLineLimit.LONG_LINE_MAX - 1 - 12 - 16);
        Compiler.Result r = Specs.compile("a.deploy", sample().replace("Orders HTTP API", fits));
        assertTrue(r.ok(), () -> Specs.rendered(r).substring(0, 300));
        Diagnostic d = refused(sample().replace("Orders HTTP API", fits + "a"), "systemd reads lines of at most 1048575 bytes");
        assertEquals(12, d.span().line());
        refused(sample().replace("Orders HTTP API", "é".repeat(600_000)), "1200028 bytes long");
    }

    /**
     * Java's digit tests and Integer.parseInt take the digits of every script: an Arabic-Indic "123" as
     * a port became ListenStream=123, and fullwidth digits in a unicode escape read as hex. Only ASCII
     * digits are numbers here.
     */
    @Test
    void digitsOfOtherScriptsAreNoNumbers() throws Exception {
        refused(sample().replace("listen = 8080", "listen = \"\u0661\u0662\u0663\""), "has no port");
        refused(sample().replace("listen = 8080", "listen = \"127.0.0.1:\u0668\u0660\u0668\u0660\""),
                "has a port that is not a number from 1 to 65535");
        refused(sample().replace("listen = 8080", "listen = \"127.0.0.1:\uFF18\uFF10\""), "has a port that is not a number");
        refused(sample().replace("Orders HTTP API", "Orders \\u{\uFF14\uFF11}"), "malformed unicode escape");
        assertTrue(Specs.compile("a.deploy", sample().replace("listen = 8080", "listen = \"127.0.0.1:8080\"")
                .replace("Orders HTTP API", "Orders \\u{41}")).ok());
    }
}
