package dev.deployc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Tools;
import dev.deployc.support.UnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hooks, installed as the README says, in a real git repository: both the plain git hook
 * (docs/git-pre-commit copied into .git/hooks) and the pre-commit framework with this
 * repository's .pre-commit-hooks.yaml. Each case is refused with a message, then accepted after
 * `deployc build`: a spec change without a build, a hand edit of a generated file, a deleted spec
 * whose files stay behind, and a build of which only the spec was staged.
 */
class PreCommitHookTest {

    enum Style { GIT_HOOK, PRE_COMMIT_FRAMEWORK }

    private static final String UNIT = "deploy/generated/orders/systemd/orders-api.service";

    @TempDir
    Path tmp;

    private Path repo;
    private Map<String, String> env;

    void repository(Style style) throws Exception {
        Tools.require("git", "apt-get install git");
        repo = Files.createDirectories(tmp.resolve("repo"));
        env = new HashMap<>(Map.of("DEPLOYC", UnderTest.launcher(tmp).toString(),
                "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@example.com",
                "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@example.com",
                "PRE_COMMIT_HOME", tmp.resolve("pre-commit-cache").toString(), "HOME", tmp.toString()));
        git("init", "-q", ".");
        Files.createDirectories(repo.resolve("deploy"));
        Files.copy(Path.of("samples/orders-api.deploy"), repo.resolve("deploy/orders.deploy"));
        if (style == Style.GIT_HOOK) {
            Path hook = repo.resolve(".git/hooks/pre-commit");
            Files.copy(Path.of("docs/git-pre-commit"), hook, StandardCopyOption.REPLACE_EXISTING);
            hook.toFile().setExecutable(true);
        } else {
            Tools.require("pre-commit", "apt-get install pre-commit");
            String rev = hookRepository();
            Files.writeString(repo.resolve(".pre-commit-config.yaml"), "repos:\n  - repo: " + tmp.resolve("hooks")
                    + "\n    rev: " + rev + "\n    hooks:\n      - id: deployc-fmt\n      - id: deployc-check\n");
            Tools.Outcome install = run(List.of("pre-commit", "install"));
            assertEquals(0, install.exitCode(), install.output());
        }
        assertEquals(0, deployc("build", "deploy/orders.deploy").exitCode());
        git("add", "-A");
        Tools.Outcome first = git("commit", "-q", "-m", "first");
        assertEquals(0, first.exitCode(), first.output());
    }

    /** This repository's hooks as the framework fetches them: a git repository at a revision. */
    private String hookRepository() throws Exception {
        Path hooks = Files.createDirectories(tmp.resolve("hooks/docs"));
        Files.copy(Path.of(".pre-commit-hooks.yaml"), hooks.resolveSibling(".pre-commit-hooks.yaml"));
        Files.copy(Path.of("docs/git-pre-commit"), hooks.resolve("git-pre-commit"));
        hooks.resolve("git-pre-commit").toFile().setExecutable(true);
        Path dir = hooks.getParent();
        assertEquals(0, Tools.run(dir, env, List.of("git", "init", "-q", "."), 60).exitCode());
        assertEquals(0, Tools.run(dir, env, List.of("git", "add", "-A"), 60).exitCode());
        assertEquals(0, Tools.run(dir, env, List.of("git", "commit", "-q", "-m", "hooks"), 60).exitCode());
        return Tools.run(dir, env, List.of("git", "rev-parse", "HEAD"), 60).output().strip();
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void refusesASpecChangeWithoutABuildAndAcceptsItAfterABuild(Style style) throws Exception {
        repository(style);
        Path spec = repo.resolve("deploy/orders.deploy");
        Files.writeString(spec, Files.readString(spec).replace("backlog = 4096", "backlog = 2048"));
        git("add", "deploy/orders.deploy");
        Tools.Outcome refused = git("commit", "-q", "-m", "lower the backlog");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("generated file is out of date"), refused.output());
        assertTrue(refused.output().contains("-Backlog=4096") && refused.output().contains("+Backlog=2048"), refused.output());
        assertTrue(refused.output().contains("run `deployc build --all` and commit the result"), refused.output());
        acceptedAfterABuild("deploy/orders.deploy");
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void refusesAHandEditOfAGeneratedFile(Style style) throws Exception {
        repository(style);
        Path unit = repo.resolve(UNIT);
        Files.writeString(unit, Files.readString(unit).replace("MemoryMax=512M", "MemoryMax=4G"));
        git("add", UNIT);
        Tools.Outcome refused = git("commit", "-q", "-m", "more memory");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("stale     " + UNIT), refused.output());
        assertTrue(refused.output().contains("-MemoryMax=4G") && refused.output().contains("+MemoryMax=512M"), refused.output());
        assertTrue(refused.output().contains("to change a generated file, change its spec"), refused.output());
        Path spec = repo.resolve("deploy/orders.deploy");
        Files.writeString(spec, Files.readString(spec).replace("memory = 512MiB", "memory = 4GiB"));
        acceptedAfterABuild("deploy/orders.deploy");
        assertTrue(Files.readString(unit).contains("MemoryMax=4G\n"), "the change went in through the spec");
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void refusesTheFilesOfADeletedSpec(Style style) throws Exception {
        repository(style);
        git("rm", "-q", "deploy/orders.deploy");
        Tools.Outcome refused = git("commit", "-q", "-m", "retire orders");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("orphaned  " + UNIT), refused.output());
        assertTrue(refused.output().contains("run `deployc build --all` and commit the result"), refused.output());
        assertEquals(0, deployc("build", "--all").exitCode());
        assertTrue(Files.notExists(repo.resolve(UNIT)), "build --all removes the files of a deleted spec");
        git("add", "-A");
        Tools.Outcome accepted = git("commit", "-q", "-m", "retire orders");
        assertEquals(0, accepted.exitCode(), accepted.output());
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void refusesAFileAddedByHandToAGeneratedDirectory(Style style) throws Exception {
        repository(style);
        String added = "deploy/generated/orders/systemd/orders-extra.service";
        Files.writeString(repo.resolve(added), "[Service]\nExecStart=/bin/true\n");
        git("add", added);
        Tools.Outcome refused = git("commit", "-q", "-m", "an extra unit");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("orphaned  " + added), refused.output());
        assertTrue(refused.output().contains("no spec generates it"), refused.output());
        git("rm", "-q", "--cached", added);
        Files.delete(repo.resolve(added));
        Files.writeString(repo.resolve("README"), "the extra unit belongs in a spec\n");
        git("add", "README");
        Tools.Outcome accepted = git("commit", "-q", "-m", "readme");
        assertEquals(0, accepted.exitCode(), accepted.output());
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void checksWhatIsStagedNotTheWorkingTree(Style style) throws Exception {
        repository(style);
        Path spec = repo.resolve("deploy/orders.deploy");
        Files.writeString(spec, Files.readString(spec).replace("memory = 512MiB", "memory = 640MiB"));
        assertEquals(0, deployc("build", "deploy/orders.deploy").exitCode());
        git("add", "deploy/orders.deploy");
        Tools.Outcome refused = git("commit", "-q", "-m", "more memory");
        assertNotEquals(0, refused.exitCode(), "the working tree is up to date, but what is staged is not");
        assertTrue(refused.output().contains("stale     " + UNIT), refused.output());
        assertTrue(refused.output().contains("+MemoryMax=640M"), refused.output());
        acceptedAfterABuild("deploy/orders.deploy");
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void refusesAnUnformattedSpec(Style style) throws Exception {
        repository(style);
        Path spec = repo.resolve("deploy/orders.deploy");
        Files.writeString(spec, Files.readString(spec).replace("type = notify", "type     =    notify"));
        git("add", "deploy/orders.deploy");
        Tools.Outcome refused = git("commit", "-q", "-m", "spaces");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("deploy/orders.deploy is not formatted"), refused.output());
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void leavesUnrelatedCommitsAlone(Style style) throws Exception {
        repository(style);
        Files.writeString(repo.resolve("README"), "hello\n");
        Files.writeString(repo.resolve("deploy/generated/orders/systemd/orders-api.service.bak"), "x\n");
        git("add", "README");
        Tools.Outcome accepted = git("commit", "-q", "-m", "readme");
        assertEquals(0, accepted.exitCode(), accepted.output());
    }

    private void acceptedAfterABuild(String spec) throws Exception {
        assertEquals(0, deployc("build", spec).exitCode());
        git("add", "-A");
        Tools.Outcome accepted = git("commit", "-q", "-m", "after deployc build");
        assertEquals(0, accepted.exitCode(), accepted.output());
    }

    private Tools.Outcome git(String... args) throws Exception {
        return run(concat("git", args));
    }

    private Tools.Outcome deployc(String... args) throws Exception {
        return run(concat(env.get("DEPLOYC"), args));
    }

    private Tools.Outcome run(List<String> command) throws Exception {
        return Tools.run(repo, env, command, 180);
    }

    private static List<String> concat(String head, String... tail) {
        List<String> out = new java.util.ArrayList<>(List.of(head));
        out.addAll(List.of(tail));
        return out;
    }
}
