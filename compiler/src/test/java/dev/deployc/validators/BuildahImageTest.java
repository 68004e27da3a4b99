package dev.deployc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.Compiler;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.support.Specs;
import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where buildah is installed, the greeter's generated scratch Dockerfile really builds (from
 * prebuilt binaries standing in for the builder stage, since base images cannot be pulled here),
 * and the image config says what the spec says.
 */
class BuildahImageTest {

    @TempDir
    Path temp;

    @Test
    void scratchImageHasTheSpecsUserPortsHealthcheckAndEntrypoint() throws Exception {
        // Missing buildah fails under CI=true (where .ci/run installs it) and is skipped with the reason elsewhere.
        Tools.require("buildah", "apt-get install buildah");
        Tools.require("go", "apt-get install golang-go");
        Compiler.Result r = Specs.compile(Path.of("samples/greeter.deploy"), "samples/greeter.deploy");
        assertTrue(r.ok(), Specs.rendered(r));
        Path dockerfile = temp.resolve("greeter.Dockerfile");
        Files.writeString(dockerfile, file(r, "/docker/greeter.Dockerfile"));

        Path prebuilt = Files.createDirectories(temp.resolve("prebuilt/out"));
        Files.createDirectories(temp.resolve("prebuilt/etc/ssl/certs"));
        Files.writeString(temp.resolve("prebuilt/etc/ssl/certs/ca-certificates.crt"), "");
        Tools.Outcome go = Tools.run(Path.of("samples/greeter"), Map.of("CGO_ENABLED", "0", "GOFLAGS", ""),
                List.of("go", "build", "-trimpath", "-o", prebuilt.resolve("greeter").toString(), "./cmd/greeter"), 300);
        assertEquals(0, go.exitCode(), go.output());

        List<String> buildah = List.of("buildah", "--storage-driver", "vfs", "--root", temp.resolve("storage").toString(),
                "--runroot", temp.resolve("run").toString());
        Path context = Files.createDirectories(temp.resolve("context"));
        Tools.Outcome bud = Tools.run(temp, Map.of(), concat(buildah, "bud", "--isolation", "chroot", "--pull=never",
                "--format", "docker", "--build-arg", "VERSION=1.2.3", "--build-context", "build=" + temp.resolve("prebuilt"),
                "-f", dockerfile.toString(), "-t", "greeter:test", context.toString()), 300);
        assertEquals(0, bud.exitCode(), bud.output());

        Tools.Outcome config = Tools.run(temp, Map.of(), concat(buildah, "inspect", "--type", "image", "--format",
                "{{.Docker.Config.User}}|{{.Docker.Config.ExposedPorts}}|{{.Docker.Config.Entrypoint}}"
                        + "|{{.Docker.Config.Healthcheck.Test}}|{{.Docker.Config.Healthcheck.Interval}}"
                        + "|{{index .Docker.Config.Labels \"org.opencontainers.image.version\"}}", "greeter:test"), 60);
        assertEquals(0, config.exitCode(), config.output());
        assertEquals("65532:65532|map[8080/tcp:{}]|[/opt/greeter/greeter/current/bin/greeter]"
                + "|[CMD /opt/greeter/greeter/current/bin/greeter -check http://127.0.0.1:8080/healthz]|5s|1.2.3",
                config.output().strip());
    }

    private static String file(Compiler.Result r, String suffix) {
        return r.files().stream().filter(f -> f.path().endsWith(suffix)).map(GeneratedFile::content).findFirst().orElseThrow();
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new java.util.ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }
}
