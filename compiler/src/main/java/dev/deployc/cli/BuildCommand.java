package dev.deployc.cli;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.output.OutputLock;
import dev.deployc.output.OutputTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        return run(args, command.commandLine().getOut(), command.commandLine().getErr());
    }

    /** The command itself, for picocli's model and for {@link HotPath} alike. */
    static int run(SpecsAndOutput args, java.io.PrintWriter out, java.io.PrintWriter err) {
        Reporter report = new Reporter(args.format, out, err);
        int exit = Compilation.forEachOutputDirectory(args, report, true, new Write(report, err));
        report.finish();
        return exit;
    }

    /** Writes one output directory's files and says what changed. */
    private record Write(Reporter report, java.io.PrintWriter err) implements Compilation.OutputStep {
        @Override
        public void apply(Path dir, Map<String, List<GeneratedFile>> files) throws IOException, OutputTree.ConflictException {
            OutputTree tree = new OutputTree(dir);
            OutputTree.Plan plan;
            try (OutputLock lock = OutputLock.acquire(dir, OutputLock.timeoutFromEnvironment())) {
                plan = tree.plan(files);
                tree.apply(plan);
            }
            long written = 0;
            for (OutputTree.Difference d : plan.differences()) {
                if (d.change() == OutputTree.Change.KEPT) {
                    err.println("deployc: kept `" + dir.resolve(d.path()) + "`: no spec generates it any "
                            + "more, but it was changed since deployc wrote it; delete it yourself if it is not needed");
                }
                if (d.change() == OutputTree.Change.STALE || d.change() == OutputTree.Change.MISSING) written++;
            }
            if (written + plan.removals().size() > 0) {
                report.note("deployc: " + written + " written, " + plan.removals().size() + " removed in " + Reporter.shown(dir));
            }
        }
    }
}
