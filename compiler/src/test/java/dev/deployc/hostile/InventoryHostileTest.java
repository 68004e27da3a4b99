package dev.deployc.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, item 4 (and the encoding message of item 11): an inventory is untrusted input. */
class InventoryHostileTest {

    @TempDir
    Path dir;
    Path repo;
    Path secret;

    @BeforeEach
    void setUp() throws Exception {
        repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve("deploy"));
        secret = Files.writeString(dir.resolve("secret.txt"), "root:x:0:0:root:/root:/bin/bash\n");
    }

    private Cli.Run check(String inventory) throws Exception {
        String spec = Files.readString(Path.of("golden-tests/ok-canary-all-steps/input.deploy"))
                .replace("hosts      = [\"web-1\", \"web-2\", \"web-3\", \"web-4\"]", "inventory = \"" + inventory + "\"");
        Path file = Files.writeString(repo.resolve("deploy/shop.deploy"), spec);
        return Cli.run("check", file.toString(), "--out", repo.resolve("out").toString());
    }

    private void assertRefused(Cli.Run r, String why) {
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(why), r.err());
        assertFalse(r.err().contains("root:x") || r.err().contains("Exception"), r.err());
    }

    @Test
    void aPathLeavingTheRepositoryIsRefusedUnread() throws Exception {
        assertRefused(check("../../secret.txt"), "is outside the spec's repository");
        assertRefused(check("../../../../../../../../etc/passwd"), "is outside the spec's repository");
    }

    @Test
    void anAbsolutePathIsRefused() throws Exception {
        assertRefused(check(secret.toString()), "must be a path relative to the spec");
    }

    @Test
    void aPathInsideTheRepositoryButAboveTheSpecIsFine() throws Exception {
        Files.writeString(repo.resolve("hosts.txt"), "web-1\nweb-2\nweb-3\nweb-4\n");
        Cli.Run r = check("../hosts.txt");
        assertFalse(r.err().contains("error:"), r.err());
        assertTrue(r.err().contains("rollout-web.sh"), "compiled, with the hosts of the inventory");
    }

    @Test
    void aLinkOutOfTheRepositoryIsRefused() throws Exception {
        Files.createSymbolicLink(repo.resolve("deploy/hosts.txt"), secret);
        assertRefused(check("hosts.txt"), "is a link to a file outside the spec's repository");
    }

    @Test
    void aDeviceIsRefusedNotReadUntilMemoryRunsOut() throws Exception {
        Files.createSymbolicLink(repo.resolve("deploy/zero"), Path.of("/dev/zero"));
        Files.createSymbolicLink(repo.resolve("zero"), Path.of("/dev/zero"));
        assertRefused(check("zero"), "is a link to a file outside the spec's repository");
    }

    @Test
    void aNamedPipeIsRefusedWithoutBlocking() throws Exception {
        Process p = new ProcessBuilder("mkfifo", repo.resolve("deploy/pipe").toString()).start();
        assertEquals(0, p.waitFor());
        Cli.Run r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> check("pipe"));
        assertRefused(r, "is not a regular file");
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        Files.createDirectories(repo.resolve("deploy/hosts"));
        assertRefused(check("hosts"), "is a directory");
    }

    @Test
    void aHugeFileIsRefused() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(repo.resolve("deploy/big.txt").toFile(), "rw")) {
            f.setLength(3L << 20);
        }
        assertRefused(check("big.txt"), "is larger than 1 MiB");
    }

    @Test
    void invalidUtf8SaysWhichLine() throws Exception {
        Files.write(repo.resolve("deploy/hosts.txt"), new byte[] {'w', '-', '1', '\n', 'w', '-', '2', '\n', 'w', (byte) 0xff, '\n'});
        assertRefused(check("hosts.txt"), "line 3 holds a byte sequence that is not UTF-8");
    }
}
