package dev.deployc.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The faults of issue 14, each a named scenario on the simulated fleet; every one of them failed
 * on the script before it (see docs/rollout.md, "How it is tested").
 */
class FleetFaultsTest extends FleetTestBase {

    private static final String APPROVE = "step { weight = 1 }\n step { approve = \"look at h1\" }\n step { weight = 100% }";

    @Test
    void aSecondOperatorIsRefusedByTheFleetLockNamingItsHolderUntilUnlock() throws Exception {
        firstDeployOfV1(APPROVE);
        Tools.Outcome a = rolloutWith(Map.of("USER", "alice"), "deploy", "v2", "--dist", v2.toString());
        assertEquals(3, a.exitCode(), a.output());
        // Another user, with a state directory of their own (another machine, as far as the state goes).
        Map<String, String> bob = Map.of("USER", "bob", "DEPLOYC_STATE_DIR", temp.resolve("bob-state").toString());
        Tools.Outcome b = rolloutWith(bob, "deploy", "v1", "--dist", v1.toString());
        assertEquals(2, b.exitCode(), b.output());
        assertTrue(b.output().contains("the fleet is locked, nothing was changed") && b.output().contains("locked by alice on"), b.output());
        assertTrue(b.output().contains("rollout of v2 (greeter/greeter)"), b.output());
        assertEquals("v2", fleet.release("h1", "greeter", "greeter"));
        assertTrue(Files.exists(fleet.dir.resolve("h3/opt/greeter/.deployc-lock/holder")), "the lock is on every host");

        Tools.Outcome unlock = rolloutWith(bob, "unlock");
        assertEquals(0, unlock.exitCode(), unlock.output());
        assertTrue(unlock.output().contains("unlocked (was: alice on"), unlock.output());
        for (String host : HOSTS) {
            assertTrue(Files.notExists(fleet.dir.resolve(host).resolve("opt/greeter/.deployc-lock")), host + " still locked");
        }
    }

    @Test
    void aSessionThatStallsAfterConnectingTimesOutAndIsRolledBackWithProgressShownPerHost() throws Exception {
        firstDeployOfV1("step { weight = 1 }\n step { weight = 60% }\n step { weight = 100% }");
        Files.writeString(fleet.dir.resolve("h3/stall"), "v2");
        Tools.Outcome o = rolloutWith(Map.of("DEPLOYC_TIMEOUT", "5"), "deploy", "v2", "--dist", v2.toString());
        assertEquals(1, o.exitCode(), o.output());
        assertTrue(o.output().contains("  [h3] no answer within 5s (DEPLOYC_TIMEOUT): the call was stopped"), o.output());
        assertTrue(o.output().contains("FAILED: step 2 (wave 2 of 3 (3 of 5 hosts)) failed: wave 2: h3: no answer within 5s"), o.output());
        // h2, in the same wave, was reported as it went, before h3's time ran out.
        assertTrue(o.output().indexOf("  [h2] greeter is healthy on v2") < o.output().indexOf("  [h3] no answer within"), o.output());
        Files.delete(fleet.dir.resolve("h3/stall"));
        everyHostOn("v1");
        assertTrue(Files.notExists(fleet.dir.resolve("h1/opt/greeter/.deployc-lock")), "a finished rollout releases the fleet lock");
    }

    @Test
    void aHostThatNeverConnectsFailsThePreflightWithinTheTimeLimit() throws Exception {
        firstDeployOfV1("step { weight = 100% }");
        Files.writeString(fleet.dir.resolve("h4/never-connects"), "");
        Tools.Outcome o = rolloutWith(Map.of("DEPLOYC_TIMEOUT", "3"), "deploy", "v2", "--dist", v2.toString());
        Files.delete(fleet.dir.resolve("h4/never-connects"));
        assertEquals(2, o.exitCode(), o.output());
        assertTrue(o.output().contains("h4: no answer within 3s"), o.output());
        everyHostOn("v1");
        for (String host : HOSTS) {
            assertTrue(Files.notExists(fleet.dir.resolve(host).resolve("opt/greeter/.deployc-lock")), host + " was left locked");
        }
    }

    @Test
    void aMissingPreviousReleaseStopsThePreflight() throws Exception {
        firstDeployOfV1("step { weight = 100% }");
        Files.delete(release("h2", "v1").resolve("bin/greeter"));
        Tools.Outcome o = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(2, o.exitCode(), o.output());
        assertTrue(o.output().contains("a previous release to roll back to is broken (h2: greeter v1 is damaged (does not match its SHA256SUMS))"),
                o.output());
        assertTrue(o.output().contains("--accept-no-rollback"), o.output());
        assertEquals("v1", fleet.release("h1", "greeter", "greeter"));
        assertTrue(Files.notExists(release("h1", "v2")), "refused at pre-flight, nothing staged");
    }

    @Test
    void aRollbackNeverSwitchesAHostOntoADamagedRelease() throws Exception {
        firstDeployOfV1("step { weight = 3 }\n step { weight = 100% }");
        assertEquals(0, rollout("deploy", "v2", "--dist", v2.toString()).exitCode());
        Files.delete(release("h3", "v1").resolve("bin/greeter"));
        Tools.Outcome back = rollout("rollback");
        assertEquals(4, back.exitCode(), back.output());
        assertTrue(back.output().contains("h3: release v1 is damaged (does not match its SHA256SUMS): not switching to it"), back.output());
        assertEquals("v2", fleet.release("h3", "greeter", "greeter"));
        assertEquals("hello from greeter v2", fleet.serving("h3"), "h3 keeps serving the release it was healthy on");
        assertEquals("v1", fleet.release("h1", "greeter", "greeter"));
    }

    @Test
    void aRefusedDeployKeepsTheRecordThatRollbackNeeds() throws Exception {
        firstDeployOfV1("step { weight = 3 }\n step { weight = 100% }");
        assertEquals(0, rollout("deploy", "v2", "--dist", v2.toString()).exitCode());
        String done = Files.readString(stateFile());
        Files.writeString(fleet.dir.resolve("h4/unreachable"), "");
        Tools.Outcome refused = rollout("deploy", "v1", "--dist", v1.toString());
        assertEquals(2, refused.exitCode(), refused.output());
        Files.delete(fleet.dir.resolve("h4/unreachable"));
        assertEquals(done, Files.readString(stateFile()), "a refused deploy left the state alone");

        Tools.Outcome back = rollout("rollback");
        assertEquals(0, back.exitCode(), back.output());
        everyHostOn("v1");
    }

    @Test
    void aStateThatCannotBeWrittenStopsBeforeAnyHostIsTouched() throws Exception {
        firstDeployOfV1("step { weight = 1 }\n step { weight = 100% }");
        String good = Files.readString(stateFile());
        // The state is written beside itself first: make that impossible.
        Files.createDirectories(stateFile().resolveSibling("state.new"));
        Tools.Outcome o = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(5, o.exitCode(), o.output());
        assertTrue(o.output().contains("cannot save the state in"), o.output());
        assertEquals(good, Files.readString(stateFile()), "the last good state is unchanged");
        everyHostOn("v1");
        assertTrue(Files.notExists(release("h1", "v2")), "stopped before staging");
        assertTrue(Files.notExists(fleet.dir.resolve("h1/opt/greeter/.deployc-lock")), "no host was locked");
    }

    @Test
    void prometheusJsonWithSpacesIsReadAsJson() throws Exception {
        firstDeployOfV1("""
                step { weight = 1 }
                step {
                  check "errors" {
                    query   = "sum(rate(errors_total[1m]))"
                    no_data = fail
                    max   = 0.5
                  }
                }
                step { weight = 100% }
                """);
        prometheus.answerRaw("""
                {
                  "status": "success",
                  "data": { "resultType": "vector", "result": [ { "metric": {}, "value": [ 1763800000.123, "0.1" ] } ] }
                }
                """);
        Tools.Outcome o = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("check errors 1/1: 0.1 passes"), o.output());
        everyHostOn("v2");
    }

    @Test
    void statusReadsEveryHostAndSaysWhereItDisagreesWithTheState() throws Exception {
        firstDeployOfV1("step { weight = 3 }\n step { weight = 100% }");
        assertEquals(0, rollout("deploy", "v2", "--dist", v2.toString()).exitCode());
        Tools.Outcome agree = rollout("status");
        assertEquals(0, agree.exitCode(), agree.output());
        assertTrue(agree.output().contains(String.format("  %-24s greeter=v2%n", "h2")), agree.output());
        // Someone switches h2 back by hand, behind the rollout's back.
        Path current = fleet.dir.resolve("h2/opt/greeter/greeter/current");
        Files.delete(current);
        Files.createSymbolicLink(current, Path.of("releases/v1"));
        Tools.Outcome status = rollout("status");
        assertEquals(6, status.exitCode(), status.output());
        assertTrue(status.output().contains(String.format("  %-24s greeter=v1 (the state says v2)%n", "h2")), status.output());
    }

    @Test
    void aResumeWhoseHostsChangedIsRefusedNamingThem() throws Exception {
        firstDeployOfV1(APPROVE);
        assertEquals(3, rollout("deploy", "v2", "--dist", v2.toString()).exitCode());
        // The inventory changes under the paused rollout: h5 leaves, h6 joins.
        Path text = script;
        Files.writeString(text, Files.readString(text).replace("\n  h5\n)", "\n  h6\n)"));
        Tools.Outcome o = rollout("resume");
        assertEquals(2, o.exitCode(), o.output());
        assertTrue(o.output().contains("the plan's hosts changed since the rollout of v2 started (added: h6; removed: h5)"), o.output());

        // The operator says how: h5 alone leaves, and the rollout goes on without it.
        Files.writeString(text, Files.readString(text).replace("\n  h6\n)", "\n)").replace("'h2 h3 h4 h5'", "'h2 h3 h4'"));
        Tools.Outcome accepted = rollout("resume", "--accept-host-changes");
        assertEquals(0, accepted.exitCode(), accepted.output());
        assertTrue(accepted.output().contains("added: none; removed: h5"), accepted.output());
        for (String host : HOSTS.subList(0, 4)) assertEquals("v2", fleet.release(host, "greeter", "greeter"), host);
        assertEquals("v1", fleet.release("h5", "greeter", "greeter"), "a removed host is left as it is");
        Tools.Outcome back = rollout("rollback");
        assertEquals(0, back.exitCode(), back.output());
        everyHostOn("v1");
    }

    @Test
    void aFullDiskOrADamagedStateNeverReplacesTheLastGoodState() throws Exception {
        firstDeployOfV1("step { weight = 1 }\n step { weight = 100% }");
        Path dir = stateFile().getParent();
        String good = Files.readString(stateFile());
        // A damaged state (cut short by hand) is refused, and left as it is.
        Files.writeString(stateFile(), good.substring(0, good.length() / 2));
        Tools.Outcome damaged = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(2, damaged.exitCode(), damaged.output());
        assertTrue(damaged.output().contains("is damaged (its checksum does not match); it is left as it is"), damaged.output());
        assertEquals(good.substring(0, good.length() / 2), Files.readString(stateFile()));
        // A full disk: a tiny file system over the state directory, filled up.
        Files.writeString(stateFile(), good);
        Path saved = temp.resolve("saved-state");
        Files.copy(stateFile(), saved);
        mount("mount", "-t", "tmpfs", "-o", "size=12k", "deployc-test", dir.toString());
        try {
            Files.copy(saved, stateFile());
            Files.write(dir.resolve("filler"), new byte[8192]);
            Tools.Outcome full = rollout("deploy", "v2", "--dist", v2.toString());
            assertEquals(5, full.exitCode(), full.output());
            assertEquals(good, Files.readString(stateFile()), "the last good state is unchanged");
            everyHostOn("v1");
        } finally {
            mount("umount", dir.toString());
        }
    }

    private void mount(String... command) throws Exception {
        Tools.Outcome o = Tools.run(temp, Map.of(), java.util.List.of(command), 10);
        assertEquals(0, o.exitCode(), String.join(" ", command) + ": " + o.output());
    }

    @Test
    void aRemoteUserAndSudoAreUsedWhenConfigured() throws Exception {
        compileFleet("step { weight = 100% }");
        Tools.Outcome o = rolloutWith(Map.of("DEPLOYC_REMOTE_USER", "deploy", "DEPLOYC_BECOME", "sudo -n"),
                "deploy", "v1", "--dist", v1.toString());
        assertEquals(0, o.exitCode(), o.output());
        everyHostOn("v1");
        for (String host : HOSTS) {
            assertTrue(Files.readAllLines(fleet.dir.resolve(host).resolve("logins")).stream().allMatch(l -> l.equals("deploy@" + host)));
            assertTrue(Files.readString(fleet.dir.resolve(host).resolve("sudo.log")).startsWith("-n bash -c "), host);
        }
    }
}
