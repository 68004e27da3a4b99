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
        description = "Print the reference entry of a key (`memory`, `limits.memory`, `service.limits.memory`) or a block (`systemd_service`, `credentials`).")
public final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(paramLabel = "KEY", description = "The key to explain.")
    String key;

    @Override
    public Integer call() {
        List<KeyDef> matches = Schema.keys().stream()
                .filter(k -> k.path().equals(key) || k.path().endsWith("." + key)).toList();
        List<dev.deployc.schema.BlockDef> blocks = Schema.blocks().stream()
                .filter(b -> b.path().equals(key) || b.path().endsWith("." + key)).toList();
        if (matches.isEmpty() && !blocks.isEmpty()) {
            blocks.forEach(b -> command.commandLine().getOut().print(LanguageReference.entry(b)));
            return Main.OK;
        }
        if (matches.isEmpty()) {
            String hint = Suggestions.closest(key, java.util.stream.Stream.concat(Schema.keys().stream().map(KeyDef::name),
                    Schema.blocks().stream().map(dev.deployc.schema.BlockDef::name)).distinct().toList())
                    .map(s -> "; did you mean `" + s + "`?").orElse("");
            command.commandLine().getErr().println("deployc: there is no key `" + key + "`" + hint);
            return Main.USAGE_OR_IO;
        }
        matches.forEach(k -> command.commandLine().getOut().print(LanguageReference.entry(k)));
        return Main.OK;
    }
}
