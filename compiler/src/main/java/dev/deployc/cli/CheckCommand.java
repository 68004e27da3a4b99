package dev.deployc.cli;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.output.OutputTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compile specs in memory and compare with the files under DIR (the pre-commit mode). "
                + "Exits 1 and lists what is stale, missing or orphaned.")
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Mixin
    SpecsAndOutput args;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        try {
            Optional<Map<String, List<GeneratedFile>>> files = Compilation.compileAll(SpecFiles.read(args.specs), err);
            if (files.isEmpty()) return Main.SPEC_ERRORS;
            OutputTree.Plan plan = new OutputTree(args.out).plan(files.get());
            if (plan.differences().isEmpty()) {
                return Main.OK;
            }
            int n = plan.differences().size();
            err.println("deployc: " + n + " generated " + (n == 1 ? "file is" : "files are") + " out of date in " + args.out + ":");
            for (OutputTree.Difference d : plan.differences()) {
                err.printf("  %-9s %s%n", d.change().name().toLowerCase(Locale.ROOT), args.out.resolve(d.path()));
            }
            err.println("run `" + args.rebuildCommand() + "` and commit the result");
            return Main.SPEC_ERRORS;
        } catch (SpecFiles.Problem | OutputTree.ConflictException e) {
            err.println("deployc: " + e.getMessage());
            return Main.USAGE_OR_IO;
        } catch (IOException e) {
            err.println("deployc: cannot read `" + args.out + "`: " + e.getMessage());
            return Main.USAGE_OR_IO;
        }
    }
}
