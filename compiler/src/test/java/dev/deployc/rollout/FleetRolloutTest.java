package dev.deployc.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated rollout script, run for real against a simulated fleet of five hosts: the greeter
 * service in samples/greeter is built twice (v1 and v2) by the generated build.sh; every host
 * starts on v1 through a first deploy; each scenario then rolls v2 out and asserts where every
 * host ends up, by its `current` link and by what its service answers on its own loopback.
 */
class FleetRolloutTest extends FleetTestBase {

    private static final String WAVES = """
                step { weight = 1 }
                step { bake = 2s }
                step {
                  check "errors" {
                    query    = "sum(rate(errors_total[1m]))"
                    max      = 0.5
                    interval = 1s
                    count    = 2
                    no_data  = %s
                  }
                }
                step { weight = 60%% }
                step { weight = 100%% }
            """;

    @Test
    void happyPathSwitchesEveryHostWaveByWaveInThePlannedOrder() throws Exception {
        firstDeployOfV1(String.format(WAVES, "fail"));
        prometheus.answer("0.1");
        Tools.Outcome o = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("done: all 5 hosts run v2"), o.output());
        everyHostOn("v2");
        // The planned waves: h1, then h2 h3, then h4 h5; each wave restarts only after the last one is done.
        List<List<String>> waves = List.of(List.of("h1"), List.of("h2", "h3"), List.of("h4", "h5"));
        for (int w = 0; w + 1 < waves.size(); w++) {
            long lastOfWave = waves.get(w).stream().mapToLong(h -> lastRestart(h)).max().orElseThrow();
            long firstOfNext = waves.get(w + 1).stream().mapToLong(h -> lastRestart(h)).min().orElseThrow();
            assertTrue(lastOfWave < firstOfNext, "wave " + (w + 2) + " started before wave " + (w + 1) + " was done");
        }
        assertTrue(prometheus.queries.stream().allMatch(q -> q.equals("query=sum(rate(errors_total[1m]))")), prometheus.queries.toString());
        assertEquals(2, prometheus.queries.size(), "count = 2 measurements");
        Tools.Outcome status = rollout("status");
        assertTrue(status.output().startsWith("rollout of v2: done\n"), status.output());
    }

    @Test
    void aHealthFailureInWaveTwoRollsEverySwitchedHostBack() throws Exception {
        firstDeployOfV1(String.format(WAVES, "fail"));
        prometheus.answer("0.1");
        fleet.fault("h3", "v2");
        int h4Restarts = fleet.restarts("h4").size();
        Tools.Outcome o = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(1, o.exitCode(), o.output());
        assertTrue(o.output().contains("FAILED: step 4 (wave 2 of 3 (3 of 5 hosts)) failed: wave 2: h3: not healthy for 1s within 6s"),
                o.output());
        everyHostOn("v1");
        assertEquals(h4Restarts, fleet.restarts("h4").size(), "h4 is in wave 3, which never started");
    }

    @Test
    void aMetricBreachRollsBack() throws Exception {
        firstDeployOfV1(String.format(WAVES, "fail"));
        prometheus.answer("0.9");
        Tools.Outcome o = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(1, o.exitCode(), o.output());
        assertTrue(o.output().contains("check errors: 0.9 is outside -inf..0.5 (1 of 2 measurements failed, 0 allowed)"), o.output());
        everyHostOn("v1");
    }

    @Test
    void noDataWithPausePolicyStopsForApprovalAndAbortRollsBack() throws Exception {
        firstDeployOfV1(String.format(WAVES, "pause"));
        prometheus.answer(null);
        Tools.Outcome o = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(3, o.exitCode(), o.output());
        assertTrue(o.output().contains("paused: check errors: the query returned no data (no_data = pause)"), o.output());
        assertEquals("v2", fleet.release("h1", "greeter", "greeter"));
        assertEquals("v1", fleet.release("h2", "greeter", "greeter"));

        Tools.Outcome status = rollout("status");
        assertTrue(status.output().contains("rollout of v2: paused"), status.output());
        assertTrue(status.output().contains("next step: 3/5 (check errors)"), status.output());

        Tools.Outcome abort = rollout("abort");
        assertEquals(0, abort.exitCode(), abort.output());
        everyHostOn("v1");
    }

    @Test
    void noDataWithFailPolicyRollsBack() throws Exception {
        firstDeployOfV1(String.format(WAVES, "fail"));
        prometheus.answer(null);
        Tools.Outcome o = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(1, o.exitCode(), o.output());
        assertTrue(o.output().contains("check errors: no data (no_data = fail)"), o.output());
        everyHostOn("v1");
    }

    @Test
    void anApproveStepStopsAndResumeFinishes() throws Exception {
        firstDeployOfV1("step { weight = 1 }\n step { approve = \"look at h1\" }\n step { weight = 100% }");
        Tools.Outcome o = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(3, o.exitCode(), o.output());
        assertTrue(o.output().contains("paused: approval needed: look at h1"), o.output());
        assertEquals("v2", fleet.release("h1", "greeter", "greeter"));
        assertEquals("v1", fleet.release("h5", "greeter", "greeter"));

        Tools.Outcome resume = rollout("resume");
        assertEquals(0, resume.exitCode(), resume.output());
        everyHostOn("v2");
    }

    @Test
    void anApproveStepStopsAndAbortRollsBack() throws Exception {
        firstDeployOfV1("step { weight = 2 }\n step { approve = \"look at h1 and h2\" }\n step { weight = 100% }");
        assertEquals(3, rollout("deploy", "v2", "--dist", v2.toString()).exitCode());
        Tools.Outcome abort = rollout("abort");
        assertEquals(0, abort.exitCode(), abort.output());
        everyHostOn("v1");
        Tools.Outcome again = rollout("resume");
        assertEquals(2, again.exitCode(), "nothing left to resume: " + again.output());
    }

    @Test
    void killedMidWaveThenRerunResumesWithoutRedoingAFinishedWave() throws Exception {
        firstDeployOfV1(String.format(WAVES, "fail"));
        prometheus.answer("0.1");
        int h1RestartsBefore = fleet.restarts("h1").size();
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "deploy", "v2", "--dist", v2.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("killed.log").toFile());
        pb.environment().putAll(fleet.environment());
        Process p = pb.start();
        Path state = stateFile();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!(Files.exists(state) && Files.readString(state).contains("wave=2\n")) && Instant.now().isBefore(deadline) && p.isAlive()) {
            Thread.sleep(50);
        }
        Thread.sleep(700);
        assertTrue(p.isAlive(), "the rollout finished before it could be killed: " + Files.readString(temp.resolve("killed.log")));
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
        String interrupted = Files.readString(state);
        assertTrue(interrupted.contains("status=running") && interrupted.contains("wave=2"), interrupted);

        Tools.Outcome rerun = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(0, rerun.exitCode(), rerun.output());
        assertTrue(rerun.output().contains("resuming the rollout of v2 at step 4"), rerun.output());
        everyHostOn("v2");
        assertEquals(h1RestartsBefore + 1, fleet.restarts("h1").size(), "wave 1 (h1) was done before the kill and must not be redone");
    }

    @Test
    void rollbackAfterADoneRolloutPutsEveryHostBack() throws Exception {
        firstDeployOfV1("step { weight = 3 }\n step { weight = 100% }");
        assertEquals(0, rollout("deploy", "v2", "--dist", v2.toString()).exitCode());
        everyHostOn("v2");
        Tools.Outcome back = rollout("rollback");
        assertEquals(0, back.exitCode(), back.output());
        everyHostOn("v1");
    }

    @Test
    void anUnreachableHostStopsThePreflightBeforeAnythingChanges() throws Exception {
        firstDeployOfV1("step { weight = 100% }");
        Files.writeString(fleet.dir.resolve("h4/unreachable"), "");
        Tools.Outcome o = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(2, o.exitCode(), o.output());
        assertTrue(o.output().contains("pre-flight failed, nothing was changed: h4: ssh: connect to host h4 port 22: No route to host"),
                o.output());
        Files.delete(fleet.dir.resolve("h4/unreachable"));
        everyHostOn("v1");
        for (String host : HOSTS) {
            assertTrue(Files.notExists(fleet.dir.resolve(host).resolve("opt/greeter/greeter/releases/v2")), host + " got v2 staged");
        }
    }

    // ---------------------------------------------------------------------------------------------

    private long lastRestart(String host) {
        try {
            List<Long> r = fleet.restarts(host);
            return r.get(r.size() - 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
