package dev.deployc.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The convergence law of the rollout: kill it (kill -9 of its whole process group) at a random
 * instant during a deploy, during an automatic rollback, or during an abort; run the same command
 * again; then every host runs one release and serves it, the state and `status` agree with the
 * hosts, no fleet lock is left, and the exit code means what docs/rollout.md says.
 *
 * <p>30 runs by default (ten per phase), as issue 14 asks; {@code -Dfleet.convergence.runs=N} changes
 * the count. The kill instants come from a fixed seed so CI explores the same schedule every time
 * (the host's load still moves where each kill lands); {@code -Dfleet.convergence.seed=N} explores
 * another, and every failure names the seed that replays it. The fleet carries over from run to run, each
 * run rolling out the release the fleet does not run.
 */
class FleetConvergenceTest extends FleetTestBase {

    private static final String STEPS = "step { weight = 1 }\n step { approve = \"look at h1\" }\n step { weight = 60% }\n step { weight = 100% }";

    private enum Phase { DEPLOY, AUTOMATIC_ROLLBACK, ABORT }

    @Test
    void aKillAtAnyInstantThenARerunConverges() throws Exception {
        int runs = Integer.getInteger("fleet.convergence.runs", 30);
        long seed = Long.getLong("fleet.convergence.seed", 4141L);
        Random random = new Random(seed);
        firstDeployOfV1(STEPS);
        String on = "v1";
        for (int run = 0; run < runs; run++) {
            Phase phase = Phase.values()[run % Phase.values().length];
            String to = on.equals("v1") ? "v2" : "v1";
            Path dist = to.equals("v1") ? v1 : v2;
            String where = "seed " + seed + ", run " + run + " (" + phase + ", " + on + " -> " + to + "): ";
            String expected = switch (phase) {
                case DEPLOY -> deployKilled(random, to, dist, where);
                case AUTOMATIC_ROLLBACK -> rollbackKilled(random, on, to, dist, where);
                case ABORT -> abortKilled(random, on, to, dist, where);
            };
            converged(expected, where);
            on = expected;
        }
    }

    /** Killed during `deploy` or `resume`; the re-run ends the rollout: every host on the new release. */
    private String deployKilled(Random random, String to, Path dist, String where) throws Exception {
        boolean inDeploy = random.nextBoolean();
        if (inDeploy) {
            killAt(random.nextInt(6000), where, "deploy", to, "--dist", dist.toString());
            Tools.Outcome again = rollout("deploy", to, "--dist", dist.toString());
            assertTrue(again.exitCode() == 3 || again.exitCode() == 0, where + again.output());
            if (again.exitCode() == 0) return to;
        } else {
            assertEquals(3, rollout("deploy", to, "--dist", dist.toString()).exitCode(), where);
            killAt(random.nextInt(9000), where, "resume");
        }
        Tools.Outcome resume = rollout("resume");
        assertEquals(0, resume.exitCode(), where + resume.output());
        return to;
    }

    /** h3 fails its health on the new release, so wave 2 rolls back; killed during that rollback. */
    private String rollbackKilled(Random random, String on, String to, Path dist, String where) throws Exception {
        Files.writeString(fleet.dir.resolve("h3/fault"), to);
        try {
            assertEquals(3, rollout("deploy", to, "--dist", dist.toString()).exitCode(), where);
            killAfter("rolling back", random.nextInt(4000), where, "resume");
            Tools.Outcome again = rollout("resume");
            assertEquals(1, again.exitCode(), where + "a re-run finishes the decided rollback: " + again.output());
        } finally {
            Files.deleteIfExists(fleet.dir.resolve("h3/fault"));
        }
        return on;
    }

    /** Paused after wave 1; killed during `abort`; the re-run of `abort` finishes it. */
    private String abortKilled(Random random, String on, String to, Path dist, String where) throws Exception {
        assertEquals(3, rollout("deploy", to, "--dist", dist.toString()).exitCode(), where);
        killAt(random.nextInt(3000), where, "abort");
        Tools.Outcome again = rollout("abort");
        assertEquals(0, again.exitCode(), where + again.output());
        return on;
    }

    private void converged(String version, String where) throws Exception {
        for (String host : HOSTS) {
            assertEquals(version, fleet.release(host, "greeter", "greeter"), where + host + "'s current release");
            assertEquals("hello from greeter " + version, fleet.serving(host), where + host + " serves");
            assertTrue(Files.notExists(fleet.dir.resolve(host).resolve("opt/greeter/.deployc-lock")), where + host + " is still locked");
        }
        Tools.Outcome status = rollout("status");
        assertEquals(0, status.exitCode(), where + "status and the hosts disagree: " + status.output());
        for (String host : HOSTS) {
            assertTrue(status.output().contains(String.format("  %-24s greeter=%s%n", host, version)), where + status.output());
        }
        for (String line : Files.readAllLines(stateFile())) {
            if (line.startsWith("rel=greeter ")) {
                assertEquals(version, line.split(" ")[2], where + "the state wants another release: " + line);
            }
        }
    }

    private void killAt(int millis, String where, String... args) throws Exception {
        Process p = start(args);
        Thread.sleep(millis);
        kill(p, where);
    }

    /** Kills the run {@code millis} after its output first shows {@code marker}. */
    private void killAfter(String marker, int millis, String where, String... args) throws Exception {
        Process p = start(args);
        Path log = temp.resolve("killed.log");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (p.isAlive() && Instant.now().isBefore(deadline) && !Files.readString(log).contains(marker)) {
            Thread.sleep(50);
        }
        assertTrue(Files.readString(log).contains(marker), where + "never reached `" + marker + "`: " + Files.readString(log));
        Thread.sleep(millis);
        kill(p, where);
    }

    /** The script as its own process group (setsid), so the kill takes all of it at once. */
    private Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("setsid", "bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("killed.log").toFile());
        pb.environment().putAll(fleet.environment());
        return pb.start();
    }

    /**
     * kill -9 of the whole process group. `timeout` puts each transport call in a group of its own;
     * those die too, as the ssh sessions of an operator's machine that dies would.
     */
    private void kill(Process p, String where) throws Exception {
        List<ProcessHandle> all = p.descendants().toList();
        Tools.run(temp, Map.of(), List.of("kill", "-9", "--", "-" + p.pid()), 10);
        for (ProcessHandle h : all) h.destroyForcibly();
        p.waitFor();
        for (ProcessHandle h : all) h.onExit().get();
        Files.writeString(temp.resolve("kills.log"), where + Files.readString(temp.resolve("killed.log")) + "\n", 
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
