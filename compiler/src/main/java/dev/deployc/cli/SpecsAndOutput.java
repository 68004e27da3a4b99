package dev.deployc.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments build and check share: the specs, the output directory, and the diagnostic format. */
final class SpecsAndOutput {

    /** Where output goes without {@code --out}: this directory next to each spec. */
    static final String DEFAULT_OUT = "generated";
    static final String OUT = "--out";
    static final String FORMAT = "--format";

    enum Format { text, json, github }

    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "The .deploy files to compile.")
    List<Path> specs;

    @Option(names = OUT, paramLabel = "DIR",
            description = "The output directory (default: `" + DEFAULT_OUT + "/` next to each spec).")
    Path out;

    @Option(names = FORMAT, paramLabel = "FORMAT", defaultValue = "text",
            description = "How to print diagnostics: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "json and github go to standard output.")
    Format format;

    /** The specs grouped by the directory their output goes to, in the order given. */
    Map<Path, List<SpecFiles.Loaded>> byOutputDirectory(List<SpecFiles.Loaded> loaded) throws SpecFiles.Problem {
        Map<Path, List<SpecFiles.Loaded>> groups = new LinkedHashMap<>();
        for (SpecFiles.Loaded spec : loaded) {
            Path dir = out != null ? out : spec.file().toAbsolutePath().getParent().resolve(DEFAULT_OUT);
            // `--out` may be a link: the user named it. The default directory comes with the repository,
            // and a link there committed by anyone would send every generated file elsewhere.
            if (out == null && java.nio.file.Files.isSymbolicLink(dir)) {
                throw new SpecFiles.Problem("`" + dir + "` is a symbolic link; deployc does not write its default output "
                        + "through a link. Remove it, or name the directory with `--out`");
            }
            groups.computeIfAbsent(dir, d -> new java.util.ArrayList<>()).add(spec);
        }
        return groups;
    }

    String rebuildCommand() {
        return "deployc build " + String.join(" ", specs.stream().map(Path::toString).toList())
                + (out == null ? "" : " --out " + out);
    }
}
