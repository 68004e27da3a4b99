package dev.deployc.cli;

import dev.deployc.diag.Finding;
import dev.deployc.format.Formatter;
import dev.deployc.output.AtomicFile;
import dev.deployc.output.UnifiedDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

    @Option(names = SpecsAndOutput.FORMAT, paramLabel = "FORMAT", defaultValue = "text",
            description = "How to report: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "json and github go to standard output.")
    Reporter.Format format;

    @Override
    public Integer call() {
        Reporter report = new Reporter(format, command.commandLine().getOut(), command.commandLine().getErr());
        Formatter formatter = new Formatter();
        int exit = Main.OK;
        try {
            for (SpecFiles.Loaded spec : SpecFiles.read(specs)) {
                Formatter.Result r = formatter.format(spec.source());
                if (r.formatted().isEmpty()) {
                    report.diagnostics(r.diagnostics(), spec.source());
                    exit = Main.SPEC_ERRORS;
                    continue;
                }
                String formatted = r.formatted().get();
                String name = spec.source().name();
                if (formatted.equals(spec.source().text())) continue;
                if (check) {
                    String diff = UnifiedDiff.of(name, spec.source().text(), name + " (formatted)", formatted);
                    String message = name + " is not formatted; run `deployc fmt " + name + "`";
                    Finding finding = new Finding(Finding.Kind.UNFORMATTED, Optional.of(name),
                            CheckCommand.firstDifference(spec.source().text(), formatted),
                            "`" + name + "` is not in the canonical layout", Optional.of("run `deployc fmt " + name + "`"),
                            Optional.of(name), Optional.of(diff));
                    report.finding(finding, "deployc: " + message + "\n" + diff);
                    exit = Main.SPEC_ERRORS;
                } else {
                    write(spec.file(), formatted);
                }
            }
        } catch (SpecFiles.Problem e) {
            exit = report.problem(Finding.Kind.IO, e.file(), e.getMessage());
        } catch (IOException e) {
            exit = report.problem(Finding.Kind.IO, null, "cannot write: " + IoProblems.describe(e));
        }
        report.finish();
        return exit;
    }

    /** Atomically, keeping the spec's own permissions. */
    private static void write(Path file, String text) throws IOException {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? Files.getPosixFilePermissions(file) : java.util.Set.of();
        AtomicFile.write(file, text, mode);
    }
}
