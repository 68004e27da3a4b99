package dev.deployc.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments build and check share: the specs, and the output directory. */
final class SpecsAndOutput {

    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "The .deploy files to compile.")
    List<Path> specs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output directory.")
    Path out;

    String rebuildCommand() {
        return "deployc build " + String.join(" ", specs.stream().map(Path::toString).toList()) + " --out " + out;
    }
}
