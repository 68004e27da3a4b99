package dev.deployc.cli;

import dev.deployc.check.Suggestions;
import dev.deployc.schema.KeyDef;
import dev.deployc.schema.LanguageReference;
import dev.deployc.schema.Schema;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Print the reference entry of a key: `memory`, `limits.memory` or `service.limits.memory`.")
public final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(paramLabel = "KEY", description = "The key to explain.")
    String key;

    @Override
    public Integer call() {
        List<KeyDef> matches = Schema.keys().stream()
                .filter(k -> k.path().equals(key) || k.path().endsWith("." + key)).toList();
        if (matches.isEmpty()) {
            String hint = Suggestions.closest(key, Schema.keys().stream().map(KeyDef::name).distinct().toList())
                    .map(s -> "; did you mean `" + s + "`?").orElse("");
            command.commandLine().getErr().println("deployc: there is no key `" + key + "`" + hint);
            return Main.USAGE_OR_IO;
        }
        matches.forEach(k -> command.commandLine().getOut().print(LanguageReference.entry(k)));
        return Main.OK;
    }
}
