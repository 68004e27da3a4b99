package dev.deployc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Tools;
import dev.deployc.support.UnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `deployc review` in a real git repository: the base side from `git show REV:path`, the head from the work tree. */
class ReviewCommandTest {

    @TempDir
    Path tmp;

    @Test
    void reviewsChangedNewAndDeletedSpecsAgainstABaseRevision() throws Exception {
        Tools.require("git", "apt-get install git");
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Map<String, String> env = Map.of("GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@example.com",
                "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@example.com", "HOME", tmp.toString());
        Path deploy = Files.createDirectories(repo.resolve("deploy"));
        Files.copy(Path.of("samples/orders-api.deploy"), deploy.resolve("orders.deploy"));
        Files.copy(Path.of("samples/thumbnailer.deploy"), deploy.resolve("thumbnailer.deploy"));
        for (List<String> git : List.of(List.of("git", "init", "-q", "."), List.of("git", "add", "-A"),
                List.of("git", "commit", "-q", "-m", "base"))) {
            assertEquals(0, Tools.run(repo, env, git, 60).exitCode());
        }
        Path orders = deploy.resolve("orders.deploy");
        Files.writeString(orders, Files.readString(orders).replace("memory = 512MiB", "memory = 640MiB"));
        Files.delete(deploy.resolve("thumbnailer.deploy"));
        Files.copy(Path.of("samples/greeter.deploy"), deploy.resolve("greeter.deploy"));
        Path launcher = UnderTest.launcher(tmp);

        UnderTest.Run all = UnderTest.run(repo.resolve("deploy"), env, UnderTest.command(launcher, "review", "--base", "HEAD"));
        assertEquals(0, all.exit(), all.err());
        assertTrue(all.out().startsWith("## deployc review\n\n3 specs compared with `HEAD`: "), all.out());
        assertTrue(all.out().contains("| `limits.memory` | `512MiB` | `640MiB` |"), all.out());
        assertTrue(all.out().contains("(removed) of `thumbnailer` · `deploy/thumbnailer.deploy`"), all.out());
        assertTrue(all.out().contains("(new) of `greeter` · `deploy/greeter.deploy`"), all.out());

        UnderTest.Run one = UnderTest.run(repo.resolve("deploy"), env, UnderTest.command(launcher, "review", "orders.deploy"));
        assertEquals(0, one.exit(), one.err());
        assertTrue(one.out().startsWith("## deployc review\n\n1 spec compared with `HEAD`: changes to service `api`."), one.out());

        UnderTest.Run bad = UnderTest.run(repo, env, UnderTest.command(launcher, "review", "--base", "nope"));
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("`nope` is not a revision of this repository"), bad.err());
    }
}
