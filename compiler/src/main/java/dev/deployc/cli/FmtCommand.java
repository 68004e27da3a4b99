package dev.deployc.cli;

import dev.deployc.diag.DiagnosticRenderer;
import dev.deployc.format.Formatter;
import dev.deployc.output.AtomicFile;
import dev.deployc.output.UnifiedDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = "Rewrite specs in the canonical layout, keeping comments. With --check, change nothing: "
                + "exit 1 and show the diff when a spec is not formatted.")
public final class FmtCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "The .deploy files to format.")
    List<Path> specs;

    @Option(names = "--check", description = "Only report unformatted specs.")
    boolean check;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        Formatter formatter = new Formatter();
        int exit = Main.OK;
        try {
            for (SpecFiles.Loaded spec : SpecFiles.read(specs)) {
                Formatter.Result r = formatter.format(spec.source());
                if (r.formatted().isEmpty()) {
                    err.print(DiagnosticRenderer.render(r.diagnostics(), spec.source()));
                    exit = Main.SPEC_ERRORS;
                    continue;
                }
                String formatted = r.formatted().get();
                if (formatted.equals(spec.source().text())) continue;
                if (check) {
                    err.println("deployc: " + spec.source().name() + " is not formatted; run `deployc fmt " + spec.source().name() + "`");
                    err.print(UnifiedDiff.of(spec.source().name(), spec.source().text(), spec.source().name() + " (formatted)", formatted));
                    exit = Main.SPEC_ERRORS;
                } else {
                    write(Path.of(spec.source().name()), formatted);
                }
            }
        } catch (SpecFiles.Problem e) {
            err.println("deployc: " + e.getMessage());
            return Main.USAGE_OR_IO;
        } catch (IOException e) {
            err.println("deployc: cannot write: " + IoProblems.describe(e));
            return Main.USAGE_OR_IO;
        }
        err.flush();
        return exit;
    }

    /** Atomically, keeping the spec's own permissions. */
    private static void write(Path file, String text) throws IOException {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? Files.getPosixFilePermissions(file) : java.util.Set.of();
        AtomicFile.write(file, text, mode);
    }
}
