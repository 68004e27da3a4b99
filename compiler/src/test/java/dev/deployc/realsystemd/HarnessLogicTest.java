package dev.deployc.realsystemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real-systemd harness's own decisions, without a container: they must be right for the start checks to mean anything. */
class HarnessLogicTest {

    private static Unit unit(String service) {
        return Unit.parse("x.service", "[Service]\n" + service);
    }

    @Test
    void theStandInTellsAMainProgramFromItsOtherCommandsByArguments() {
        Unit u = unit("ExecStart=/usr/sbin/d --state=/var/lib/d $FLAGS\nExecStartPre=/usr/sbin/d --cleanup\nExecReload=/usr/sbin/d reload\n");
        Deployment.Command main = Deployment.Command.of("Service.ExecStart", u, u.all("Service.ExecStart").get(0));
        Deployment.Command pre = Deployment.Command.of("Service.ExecStartPre", u, u.all("Service.ExecStartPre").get(0));
        Deployment.Command reload = Deployment.Command.of("Service.ExecReload", u, u.all("Service.ExecReload").get(0));
        assertEquals("main", main.kind());
        assertTrue(main.open());
        assertFalse(pre.couldMatch(main));
        assertFalse(reload.couldMatch(main));
        assertEquals("reload\t/usr/sbin/d\treload", reload.exitLine());
        // the same program with the same words, or a main whose variables could supply them, is ambiguous
        Unit same = unit("ExecStart=/usr/bin/x run\nExecStartPost=-/usr/bin/x run\n");
        assertTrue(Deployment.Command.of("Service.ExecStartPost", same, "-/usr/bin/x run")
                .couldMatch(Deployment.Command.of("Service.ExecStart", same, "/usr/bin/x run")));
        Unit open = unit("ExecStart=/usr/bin/x $ARGS\n");
        assertTrue(Deployment.Command.of("Service.ExecStartPre", open, "/usr/bin/x check")
                .couldMatch(Deployment.Command.of("Service.ExecStart", open, "/usr/bin/x $ARGS")));
    }

    @Test
    void reloadExpectsTheSignalTheKillLineNames() {
        assertEquals("SIGUSR1", Startup.reloadSignal(unit("ExecReload=/bin/kill -s USR1 $MAINPID\n")));
        assertEquals("SIGHUP", Startup.reloadSignal(unit("ExecReload=/bin/kill -HUP $MAINPID\n")));
        assertEquals("SIGUSR2", Startup.reloadSignal(unit("ExecReload=/usr/bin/kill --signal SIGUSR2 $MAINPID\n")));
        assertEquals("SIGTERM", Startup.reloadSignal(unit("ExecReload=/bin/kill $MAINPID\n")));
        assertEquals("SIGHUP", Startup.reloadSignal(unit("ExecReload=/usr/bin/caddy reload --config /etc/caddy/Caddyfile\n")));
    }

    @Test
    void commandLinesExpandLikeSystemd() {
        Map<String, String> env = Map.of("FLAGS", " -a  -b ", "EMPTY", "", "CONF", "/etc/x y.conf");
        assertEquals(List.of("-a", "-b", "--config", "/etc/x y.conf", "--c=/etc/x y.conf", "$HOME"),
                Promises.expand(List.of("$FLAGS", "$EMPTY", "--config", "${CONF}", "--c=${CONF}", "$$HOME"), env));
        assertNull(Promises.expand(List.of("$Q"), Map.of("Q", "\"quoted\"")));
    }

    @Test
    void specifiersResolveOrMatchAnyText() {
        String unit = "edge-worker@main.service";
        List<String> words = List.of("--name=%m", "--data=%S/node", "--unit", "%n", "--q=%i", "100%%", "--cfg=${CONF}");
        List<String> expected = Promises.expand(words.stream().map(w -> Promises.resolveSpecifiers(w, unit)).toList(), Map.of("CONF", "/etc/x"));
        assertTrue(Promises.matches(expected, List.of("--name=0123abcd", "--data=/var/lib/node", "--unit", unit, "--q=main", "100%", "--cfg=/etc/x")));
        assertFalse(Promises.matches(expected, List.of("--name=0123abcd", "--data=/var/lib/node", "--unit", unit, "--q=other", "100%", "--cfg=/etc/x")));
        assertFalse(Promises.matches(expected, List.of("--nome=0123abcd", "--data=/var/lib/node", "--unit", unit, "--q=main", "100%", "--cfg=/etc/x")));
        assertEquals("edge-worker", Promises.resolveSpecifiers("%p", unit));
    }

    @Test
    void hostProvidesNamesDirectoriesFilesDataAndUnits() {
        Deployment.HostProvides h = Deployment.HostProvides.parse(List.of("# c", "/srv/shop uploads", "file /etc/default/x",
                "  A=\"1\"", "  B=", "data /mnt/data", "unit containerd.service"));
        assertEquals(List.of("/srv/shop uploads"), h.directories());
        assertEquals(Map.of("/etc/default/x", "A=\"1\"\nB=\n"), h.files());
        assertEquals(List.of("/mnt/data"), h.dataDirectories());
        assertEquals(List.of("containerd.service"), h.units());
        assertThrows(AssertionError.class, () -> Deployment.HostProvides.parse(List.of("etc/x")));
    }

    @Test
    void filesAreInstalledThroughTheBaseTreesLinks(@TempDir Path tree) throws Exception {
        Files.createDirectories(tree.resolve("usr/sbin"));
        Files.createSymbolicLink(tree.resolve("sbin"), Path.of("usr/sbin"));
        assertEquals("usr/sbin/modprobe", Deployment.inTree(tree, "/sbin/modprobe"));
        assertEquals("opt/x/bin/x", Deployment.inTree(tree, "/opt/x/bin/x"));
    }

    @Test
    void aTemplateInstanceResolvesItsInstanceSpecifiers() {
        Unit t = Unit.parse("s@.service", "[Service]\nUser=%i\nExecStart=/opt/s/bin/s --home %I 100%%\n");
        Unit i = t.instance("alice");
        assertEquals("s@alice.service", i.name());
        assertEquals("alice", i.get("Service.User", ""));
        assertEquals("/opt/s/bin/s --home alice 100%%", i.get("Service.ExecStart", ""));
    }
}
