package dev.deployc.cli;

import dev.deployc.Compiler;
import dev.deployc.diag.Source;
import dev.deployc.format.Formatter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: exercises the whole pipeline on a bundled spec, writing nothing, so the launcher's
 * background run can record the classes a real invocation loads into a class-data archive.
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
        Compiler.Result result = new Compiler().compile(source, "storefront.deploy");
        new Compiler().compile(new Source("broken.deploy", text.replace("memory", "memroy")), "broken.deploy");
        new Formatter().format(source);
        return result.ok() ? Main.OK : Main.SPEC_ERRORS;
    }
}
