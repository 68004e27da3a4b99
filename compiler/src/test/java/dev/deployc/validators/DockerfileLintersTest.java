package dev.deployc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated Dockerfile passes dockerlinter (hadolint's rules, run with {@code -e info}) and
 * dockerfile-utils with every setting raised to error. Both come pinned from .ci/package.json.
 */
class DockerfileLintersTest {

    private static final Path CI = Path.of(".ci").toAbsolutePath();

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyDockerfileIsClean() throws Exception {
        Map<String, String> files = Tools.generated(".Dockerfile");
        assertTrue(files.size() >= 5, "expected Dockerfiles in goldens and samples, found " + files.keySet());
        return files.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path file = write(e.getValue());
            Tools.Outcome hadolintRules = dockerlinter(file);
            assertEquals(0, hadolintRules.exitCode(), "dockerlinter:\n" + hadolintRules.output());
            Tools.Outcome builderRules = dockerfileUtils(file);
            assertEquals(0, builderRules.exitCode(), "dockerfile-utils:\n" + builderRules.output());
        }));
    }

    @Test
    void theLintersCatchBadDockerfiles() throws Exception {
        Path bad = write("FROM golang:latest\nRUN cd /src && go build\nMAINTAINER me\nEXPOSE 80/xyz\nCMD go run .\n");
        Tools.Outcome hadolintRules = dockerlinter(bad);
        assertNotEquals(0, hadolintRules.exitCode(), hadolintRules.output());
        assertTrue(hadolintRules.output().contains("EF0003"), hadolintRules.output());
        Tools.Outcome builderRules = dockerfileUtils(bad);
        assertNotEquals(0, builderRules.exitCode());
        assertTrue(builderRules.output().contains("Invalid proto"), builderRules.output());
    }

    private Path write(String text) throws Exception {
        Path file = Files.createTempFile(temp, "lint", ".Dockerfile");
        Files.writeString(file, text);
        return file;
    }

    private Tools.Outcome dockerlinter(Path file) throws Exception {
        Path node = Tools.require("node", "apt-get install nodejs");
        Path linter = Tools.requireFile(CI.resolve("node_modules/dockerlinter/bin/dockerfilelinter.js"),
                "cd .ci && npm ci --ignore-scripts");
        // It writes scratch files into its working directory, so give it the temporary one.
        return Tools.run(temp, Map.of(), List.of(node.toString(), linter.toString(), "-f", file.toString(), "-e", "info"), 120);
    }

    private Tools.Outcome dockerfileUtils(Path file) throws Exception {
        Path node = Tools.require("node", "apt-get install nodejs");
        Tools.requireFile(CI.resolve("node_modules/dockerfile-utils/package.json"), "cd .ci && npm ci --ignore-scripts");
        return Tools.run(CI, Map.of(), List.of(node.toString(), CI.resolve("dockerfile-utils-strict.js").toString(), file.toString()), 60);
    }
}
