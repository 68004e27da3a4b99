package dev.deployc.cli;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.output.OutputTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Compile specs and write their artifacts. Writes nothing when any spec has errors; "
                + "removes files it generated earlier that the specs no longer produce; never touches other files.")
public final class BuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Mixin
    SpecsAndOutput args;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        Path dir = null;
        try {
            List<SpecFiles.Loaded> loaded = SpecFiles.read(args.specs);
            Optional<Map<String, List<GeneratedFile>>> files =
                    Compilation.compileAll(loaded, args.format, command.commandLine().getOut(), err);
            if (files.isEmpty()) return Main.SPEC_ERRORS;
            for (Map.Entry<Path, List<SpecFiles.Loaded>> group : args.byOutputDirectory(loaded).entrySet()) {
                dir = group.getKey();
                OutputTree tree = new OutputTree(dir);
                OutputTree.Plan plan = tree.plan(Compilation.select(files.get(), group.getValue()));
                tree.apply(plan);
                long written = plan.differences().stream().filter(d -> d.change() != OutputTree.Change.ORPHANED).count();
                if (written + plan.removals().size() > 0) {
                    err.println("deployc: " + written + " written, " + plan.removals().size() + " removed in " + dir);
                }
            }
            return Main.OK;
        } catch (SpecFiles.Problem | OutputTree.ConflictException e) {
            err.println("deployc: " + e.getMessage());
            return Main.USAGE_OR_IO;
        } catch (IOException e) {
            err.println("deployc: cannot write to `" + dir + "`: " + e.getMessage());
            return Main.USAGE_OR_IO;
        }
    }
}
