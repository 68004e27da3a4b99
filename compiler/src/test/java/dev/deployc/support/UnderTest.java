package dev.deployc.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * deployc as a separate process, the way hooks and CI call it: during {@code mvn verify} the jar is
 * not packaged yet, so a small script runs the same main class on the test class path.
 */
public final class UnderTest {

    public record Run(int exit, String out, String err) {}

    private UnderTest() {}

    /** Writes the launcher script as {@code dir/deployc-under-test} and returns its absolute path. */
    public static Path launcher(Path dir) throws IOException {
        Path launcher = dir.resolve("deployc-under-test");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" + System.getProperty("java.class.path")
                + "' dev.deployc.cli.Main \"$@\"\n");
        launcher.toFile().setExecutable(true);
        return launcher.toAbsolutePath().normalize();
    }

    /** Runs the command in {@code cwd}, standard output and error apart. */
    public static Run run(Path cwd, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("deployc-err-", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    public static List<String> command(Path launcher, String... args) {
        List<String> out = new ArrayList<>(List.of(launcher.toString()));
        out.addAll(List.of(args));
        return out;
    }
}
