package dev.deployc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git hook, installed as the README says, refuses a commit of a spec change that was not
 * regenerated (with the message a user sees) and lets it through after `deployc build`.
 */
class PreCommitHookTest {

    @TempDir
    Path repo;
    /** Outside the repository, and this run's own: a fixed path beside it (/tmp) is shared by every concurrent run. */
    @TempDir
    Path tools;

    private Map<String, String> env;

    @BeforeEach
    void repository() throws Exception {
        Tools.require("git", "apt-get install git");
        // The hook calls $DEPLOYC; during `mvn verify` the jar is not packaged yet, so run the same main class.
        Path launcher = tools.resolve("deployc-under-test");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '" + System.getProperty("java.class.path") + "' dev.deployc.cli.Main \"$@\"\n");
        launcher.toFile().setExecutable(true);
        env = Map.of("DEPLOYC", launcher.toAbsolutePath().normalize().toString(),
                "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@example.com",
                "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@example.com");
        git("init", "-q", ".");
        Files.createDirectories(repo.resolve("deploy"));
        Files.copy(Path.of("samples/orders-api.deploy"), repo.resolve("deploy/orders.deploy"));
        Path hook = repo.resolve(".git/hooks/pre-commit");
        Files.copy(Path.of("docs/git-pre-commit"), hook, StandardCopyOption.REPLACE_EXISTING);
        hook.toFile().setExecutable(true);
        assertEquals(0, deployc("build", "deploy/orders.deploy").exitCode());
        git("add", "-A");
        assertEquals(0, git("commit", "-q", "-m", "first").exitCode());
    }

    @Test
    void refusesAStaleCommitAndAcceptsItAfterABuild() throws Exception {
        Path spec = repo.resolve("deploy/orders.deploy");
        Files.writeString(spec, Files.readString(spec).replace("backlog = 4096", "backlog = 8192"));
        git("add", "deploy/orders.deploy");
        Tools.Outcome refused = git("commit", "-q", "-m", "raise the backlog");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("generated files are out of date"), refused.output());
        assertTrue(refused.output().contains("-Backlog=4096") && refused.output().contains("+Backlog=8192"), refused.output());
        assertTrue(refused.output().contains("run `deployc build deploy/orders.deploy` and commit the result"), refused.output());

        assertEquals(0, deployc("build", "deploy/orders.deploy").exitCode());
        git("add", "-A");
        Tools.Outcome accepted = git("commit", "-q", "-m", "raise the backlog");
        assertEquals(0, accepted.exitCode(), accepted.output());
    }

    @Test
    void refusesAnUnformattedSpec() throws Exception {
        Path spec = repo.resolve("deploy/orders.deploy");
        Files.writeString(spec, Files.readString(spec).replace("type = notify", "type     =    notify"));
        git("add", "deploy/orders.deploy");
        Tools.Outcome refused = git("commit", "-q", "-m", "spaces");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("deploy/orders.deploy is not formatted"), refused.output());
    }

    private Tools.Outcome git(String... args) throws Exception {
        return Tools.run(repo, env, concat("git", args), 120);
    }

    private Tools.Outcome deployc(String... args) throws Exception {
        return Tools.run(repo, env, concat(env.get("DEPLOYC"), args), 120);
    }

    private static List<String> concat(String head, String... tail) {
        List<String> out = new java.util.ArrayList<>(List.of(head));
        out.addAll(List.of(tail));
        return out;
    }
}
