package dev.deployc.cli;

import dev.deployc.output.OutputLock;
import dev.deployc.output.OutputTree;
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
        int exit = Compilation.forEachOutputDirectory(args, report, true, (dir, files) -> {
            OutputTree tree = new OutputTree(dir);
            OutputTree.Plan plan;
            try (OutputLock lock = OutputLock.acquire(dir, OutputLock.timeoutFromEnvironment())) {
                plan = tree.plan(files);
                tree.apply(plan);
            }
            for (OutputTree.Difference d : plan.differences()) {
                if (d.change() == OutputTree.Change.KEPT) {
                    err.println("deployc: kept `" + dir.resolve(d.path()) + "`: no spec generates it any "
                            + "more, but it was changed since deployc wrote it; delete it yourself if it is not needed");
                }
            }
            long written = plan.differences().stream()
                    .filter(d -> d.change() == OutputTree.Change.STALE || d.change() == OutputTree.Change.MISSING).count();
            if (written + plan.removals().size() > 0) {
                report.note("deployc: " + written + " written, " + plan.removals().size() + " removed in " + Reporter.shown(dir));
            }
        });
        report.finish();
        return exit;
    }
}
