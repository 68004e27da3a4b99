package dev.deployc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "deployc",
        mixinStandardHelpOptions = true,
        versionProvider = DeploycCommand.Version.class,
        description = "Compiles .deploy specs into systemd units and build artifacts.",
        footer = {"", "Exit codes: 0 success, 1 the spec has errors (or, for check, output is stale), 2 usage or I/O problem."})
public final class DeploycCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE_OR_IO;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = DeploycCommand.class.getResourceAsStream("/deployc-version.properties")) {
                if (in != null) p.load(in);
            }
            return new String[] {"deployc " + p.getProperty("version", "unknown")};
        }
    }
}
