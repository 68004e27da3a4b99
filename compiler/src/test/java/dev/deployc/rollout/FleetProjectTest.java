package dev.deployc.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rollout deploys the whole project: every service, its units, sysctl.d and sysusers.d. */
class FleetProjectTest extends FleetTestBase {

    private static final String SYSCTL = "sysctl {\n  net.core.somaxconn = 8192\n}\n";

    @Test
    void theServicesWithoutACanaryAndTheProjectFilesShipWithTheRollout() throws Exception {
        compileFleet("step { weight = 2 }\n step { weight = 100% }", SIDE + SYSCTL);
        // What issue 15 generates for named users; the rollout ships whatever sysusers.d/*.conf is there.
        Path sysusers = out.resolve("greeter/sysusers.d/greeter.conf");
        Files.createDirectories(sysusers.getParent());
        Files.writeString(sysusers, "u greeter - \"greeter\"\n");
        Tools.Outcome first = rollout("deploy", "v1", "--dist", v1.toString());
        assertEquals(0, first.exitCode(), first.output());
        Tools.Outcome o = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(0, o.exitCode(), o.output());
        assertTrue(o.output().contains("services without a canary (side): 5 host(s) at once"), o.output());
        everyHostOn("v2");
        for (String host : HOSTS) {
            assertEquals("v2", fleet.release(host, "greeter", "side"), host + "'s side");
            assertTrue(Files.exists(fleet.dir.resolve(host).resolve("etc/systemd/system/greeter-side.service")), host);
            assertEquals(Files.readString(out.resolve("greeter/sysctl.d/90-greeter.conf")),
                    Files.readString(fleet.dir.resolve(host).resolve("etc/sysctl.d/90-greeter.conf")), host + "'s sysctl.d");
            assertTrue(Files.readString(fleet.dir.resolve(host).resolve("sysctl.log")).contains("--system"), host);
            assertEquals("u greeter - \"greeter\"\n", Files.readString(fleet.dir.resolve(host).resolve("etc/sysusers.d/greeter.conf")));
            assertTrue(Files.exists(fleet.dir.resolve(host).resolve("sysusers.log")), host + " ran systemd-sysusers");
            Tools.Outcome side = Tools.run(fleet.dir, java.util.Map.of(), List.of("ip", "netns", "exec", fleet.namespace(host),
                    "curl", "-sS", "--max-time", "3", "http://127.0.0.1:8081/"), 10);
            assertEquals("hello from greeter v2", side.output().strip(), host + "'s side serves");
        }
        Tools.Outcome back = rollout("rollback");
        assertEquals(0, back.exitCode(), back.output());
        everyHostOn("v1");
        for (String host : HOSTS) assertEquals("v1", fleet.release(host, "greeter", "side"), host + "'s side rolled back");
    }

    @Test
    void anEditToTheCanaryStepsAloneStillAllowsRestagingTheSameVersion() throws Exception {
        String before = "step { weight = 1 }\n step { approve = \"look\" }\n step { weight = 100% }";
        String after = "step { weight = 2 }\n step { approve = \"look again\" }\n step { weight = 100% }";
        List<String> unitsBefore = units(before);
        List<String> unitsAfter = units(after);
        assertEquals(unitsBefore, unitsAfter, "an edit to the canary steps alone must not change a unit file (headers carry no spec hash)");
        firstDeployOfV1(before);
        assertEquals(3, rollout("deploy", "v2", "--dist", v2.toString()).exitCode());
        assertEquals(0, rollout("abort").exitCode());
        compileFleet(after);
        Tools.Outcome again = rollout("deploy", "v2", "--dist", v2.toString());
        assertEquals(3, again.exitCode(), again.output());
        assertEquals(0, rollout("resume").exitCode());
        everyHostOn("v2");
    }

    private List<String> units(String steps) {
        return compile(spec(steps, "http://127.0.0.1:1", "")).stream()
                .filter(f -> f.path().contains("/systemd/")).map(f -> f.content()).toList();
    }
}
