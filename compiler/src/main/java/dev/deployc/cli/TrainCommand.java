package dev.deployc.cli;

import dev.deployc.Compiler;
import dev.deployc.diag.Source;
import dev.deployc.format.Formatter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * Hidden: exercises what real invocations run on a bundled spec, so the launcher's background run
 * can record the classes they load into a class-data archive: a compile of a broken spec, the
 * formatter, and a build then a check of a good one through the command line, prefetch included,
 * in a temporary directory that is removed afterwards.
 */
@Command(name = "train", hidden = true)
public final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        String text;
        try (InputStream in = TrainCommand.class.getResourceAsStream("/training/storefront.deploy")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Source source = new Source("storefront.deploy", text);
        new Compiler().compile(new Source("broken.deploy", text.replace("memory", "memroy")), "broken.deploy");
        new Formatter().format(source);
        Path dir = Files.createTempDirectory("deployc-train");
        int exit = Main.OK;
        try {
            Path spec = Files.writeString(dir.resolve("storefront.deploy"), text);
            PrintWriter discard = new PrintWriter(Writer.nullWriter());
            for (String command : List.of("build", "check")) {
                String[] args = {command, spec.toString(), "--out", dir.resolve("out").toString()};
                exit = Math.max(exit, Main.run(discard, discard, Prefetch.start(args), args));
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return exit;
    }
}
