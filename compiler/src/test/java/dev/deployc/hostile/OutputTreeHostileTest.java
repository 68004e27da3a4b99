package dev.deployc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, items 1, 2 and 9: the manifest and the output tree are untrusted input. */
class OutputTreeHostileTest {

    static final String WITH_SOCKET = "project \"shop\" { module = \"example.com/shop\"  go = \"1.22\"  version_var = \"main.v\" }\n"
            + "service \"web\" { socket { listen = 8080 } }\n";
    static final String WITHOUT_SOCKET = WITH_SOCKET.replace("socket { listen = 8080 }", "");
    static final String SOCKET = "shop/systemd/shop-web.socket";

    @TempDir
    Path dir;
    Path out;
    Path spec;
    Path victim;

    @BeforeEach
    void setUp() throws Exception {
        out = dir.resolve("repo/out");
        spec = dir.resolve("repo/shop.deploy");
        // A work tree root, so the manifest names the spec `shop.deploy`, as in a repository.
        Files.createDirectories(dir.resolve("repo/.git"));
        victim = dir.resolve("victim.txt");
        Files.writeString(victim, "precious\n");
    }

    private Cli.Run build(String text) throws Exception {
        Files.writeString(spec, text);
        return Cli.run("build", spec.toString(), "--out", out.toString());
    }

    private Cli.Run check(String text) throws Exception {
        Files.writeString(spec, text);
        return Cli.run("check", spec.toString(), "--out", out.toString());
    }

    private Path manifest() {
        return out.resolve(".deployc-manifest");
    }

    /** Adds an entry for {@code path} to the first spec of the manifest, as an attacker would. */
    private void addEntry(String path) throws Exception {
        String m = Files.readString(manifest());
        int at = m.indexOf("\": {\n", m.indexOf("\"specs\"") + 10) + 5;
        Files.writeString(manifest(), m.substring(0, at) + "      \"" + path + "\": \"sha256:" + "0".repeat(64) + "\",\n" + m.substring(at));
    }

    private void assertNothingDeletedAndDamaged(Cli.Run r) throws Exception {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("manifest damaged"), r.err());
        assertEquals("precious\n", Files.readString(victim));
        assertTrue(Files.exists(out.resolve(SOCKET)), "nothing is deleted");
        assertFalse(r.err().contains("precious") || r.out().contains("precious"), "nothing outside is printed");
    }

    @Test
    void anEntryLeavingTheOutputDirectoryIsDamageAndNothingIsDeletedOrPrinted() throws Exception {
        assertEquals(0, build(WITH_SOCKET).exit());
        addEntry("../../victim.txt");
        assertNothingDeletedAndDamaged(build(WITHOUT_SOCKET));
        assertNothingDeletedAndDamaged(check(WITHOUT_SOCKET));
    }

    @Test
    void anAbsoluteEntryIsDamage() throws Exception {
        assertEquals(0, build(WITH_SOCKET).exit());
        addEntry(victim.toString());
        assertNothingDeletedAndDamaged(build(WITHOUT_SOCKET));
        assertNothingDeletedAndDamaged(check(WITHOUT_SOCKET));
    }

    @Test
    void anOldStyleManifestWithATraversalIsDamageToo() throws Exception {
        assertEquals(0, build(WITH_SOCKET).exit());
        Files.writeString(manifest(), "# Files deployc generated in this directory, by spec. Do not edit.\n"
                + "shop.deploy\t" + SOCKET + "\nshop.deploy\t../../victim.txt\n");
        assertNothingDeletedAndDamaged(build(WITHOUT_SOCKET));
    }

    @Test
    void anEntryThroughASymbolicLinkIsDamage() throws Exception {
        assertEquals(0, build(WITH_SOCKET).exit());
        Files.createSymbolicLink(out.resolve("elsewhere"), dir);
        addEntry("elsewhere/victim.txt");
        assertNothingDeletedAndDamaged(build(WITHOUT_SOCKET));
        assertNothingDeletedAndDamaged(check(WITHOUT_SOCKET));
    }

    @Test
    void aFileEditedByHandIsReportedNotRemoved() throws Exception {
        assertEquals(0, build(WITH_SOCKET).exit());
        Files.writeString(out.resolve(SOCKET), Files.readString(out.resolve(SOCKET)) + "# my note\n");
        Cli.Run c = check(WITHOUT_SOCKET);
        assertEquals(1, c.exit());
        assertTrue(c.err().contains("kept") && c.err().contains(SOCKET), c.err());
        Cli.Run b = build(WITHOUT_SOCKET);
        assertEquals(0, b.exit(), b.err());
        assertTrue(b.err().contains("kept"), b.err());
        assertTrue(Files.readString(out.resolve(SOCKET)).endsWith("# my note\n"));
        assertFalse(Files.readString(manifest()).contains(SOCKET), "forgotten, so it is not reported again");
        assertEquals(0, check(WITHOUT_SOCKET).exit());
    }

    @Test
    void anUnchangedOrphanIsRemovedWithItsEmptyDirectories() throws Exception {
        assertEquals(0, build(WITH_SOCKET).exit());
        Cli.Run b = build(WITHOUT_SOCKET);
        assertEquals(0, b.exit(), b.err());
        assertFalse(Files.exists(out.resolve(SOCKET)));
        assertEquals(0, check(WITHOUT_SOCKET).exit());
    }

    @Test
    void aSymlinkedDirectoryInsideTheOutputDoesNotRedirectWrites() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("shop"), Path.of("../../elsewhere"));
        Cli.Run b = build(WITH_SOCKET);
        assertEquals(2, b.exit(), b.err());
        assertTrue(b.err().contains("symbolic link"), b.err());
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void aSymlinkedDirectoryDeeperDownIsRefusedToo() throws Exception {
        assertEquals(0, build(WITH_SOCKET).exit());
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path systemd = out.resolve("shop/systemd");
        try (Stream<Path> s = Files.list(systemd)) {
            for (Path p : s.toList()) Files.delete(p);
        }
        Files.delete(systemd);
        Files.createSymbolicLink(systemd, elsewhere);
        Cli.Run b = build(WITH_SOCKET.replace("8080", "8081"));
        assertEquals(2, b.exit(), b.err());
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void aSymlinkAtAFilesOwnPathIsNeitherReadNorFollowed() throws Exception {
        assertEquals(0, build(WITH_SOCKET).exit());
        Files.delete(out.resolve(SOCKET));
        Files.createSymbolicLink(out.resolve(SOCKET), victim);
        Cli.Run c = check(WITH_SOCKET);
        assertEquals(2, c.exit(), c.err());
        assertFalse(c.err().contains("precious"), c.err());
        Cli.Run b = build(WITH_SOCKET);
        assertEquals(2, b.exit(), b.err());
        assertEquals("precious\n", Files.readString(victim));
    }

    @Test
    void aSpecNamedLikeACommentKeepsItsEntries() throws Exception {
        spec = dir.resolve("repo/#a.deploy");
        assertEquals(0, build(WITH_SOCKET).exit());
        assertTrue(Files.readString(manifest()).contains("\"#a.deploy\""), Files.readString(manifest()));
        assertEquals(1, check(WITHOUT_SOCKET).exit(), "the orphan is seen");
        assertEquals(0, build(WITHOUT_SOCKET).exit());
        assertFalse(Files.exists(out.resolve(SOCKET)));
        assertEquals(0, check(WITHOUT_SOCKET).exit());
    }

    @Test
    void aManifestOfAnOlderDeploycIsStillRead() throws Exception {
        assertEquals(0, build(WITH_SOCKET).exit());
        StringBuilder legacy = new StringBuilder("# Files deployc generated in this directory, by spec. Do not edit.\n");
        try (Stream<Path> s = Files.walk(out)) {
            s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).filter(p -> !p.startsWith("."))
                    .sorted().forEach(p -> legacy.append("shop.deploy\t").append(p).append('\n'));
        }
        Files.writeString(manifest(), legacy);
        Cli.Run b = build(WITHOUT_SOCKET);
        assertEquals(0, b.exit(), b.err());
        assertFalse(Files.exists(out.resolve(SOCKET)), "a generated file is still recognised by its header");
        assertTrue(Files.readString(manifest()).startsWith("{"), "and the manifest is rewritten as JSON");
    }

    @Test
    void aDefaultOutputDirectoryThatIsALinkIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(spec.getParent().resolve("generated"), elsewhere);
        Files.writeString(spec, WITH_SOCKET);
        Cli.Run b = Cli.run("build", spec.toString());
        assertEquals(2, b.exit(), b.err());
        assertTrue(b.err().contains("is a symbolic link"), b.err());
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertEquals(List.of(), s.toList());
        }
        assertEquals(0, Cli.run("build", spec.toString(), "--out", spec.getParent().resolve("generated").toString()).exit(),
                "named with --out, the link is the user's choice");
    }
}
