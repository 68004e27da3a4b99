package dev.deployc.cli;

import dev.deployc.check.Suggestions;
import dev.deployc.schema.BlockDef;
import dev.deployc.schema.KeyDef;
import dev.deployc.schema.LanguageReference;
import dev.deployc.schema.Schema;
import dev.deployc.schema.Specifiers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Print the reference entry of a key (`memory`, `limits.memory`, `service.limits.memory`), "
                + "of a block (`limits`, `canary`), or of the spec key that writes a systemd setting (`MemoryMax`, "
                + "`MemoryMax=`, `[Service] MemoryMax=`), or of a word systemd expands (`machine_id`, `%m`).")
public final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(paramLabel = "NAME", description = "A key, a block, or a systemd setting.")
    String key;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        List<KeyDef> keys = Schema.keys().stream()
                .filter(k -> k.path().equals(key) || k.path().endsWith("." + key)).toList();
        List<BlockDef> blocks = Schema.blocks().stream()
                .filter(b -> b.path().equals(key) || b.path().endsWith("." + key)).toList();
        if (!keys.isEmpty() || !blocks.isEmpty()) {
            blocks.forEach(b -> out.print(LanguageReference.blockEntry(b)));
            keys.forEach(k -> out.print(LanguageReference.entry(k)));
            return Main.OK;
        }
        java.util.Optional<Specifiers.Word> word = Specifiers.byWord(key)
                .or(() -> key.matches("%[A-Za-z]") ? Specifiers.byLetter(key.charAt(1)) : java.util.Optional.empty());
        if (word.isPresent()) {
            out.print(LanguageReference.wordEntry(word.get()));
            return Main.OK;
        }
        String setting = key.replaceFirst("^\\[[A-Za-z]+\\]\\s*", "").replaceFirst("=$", "");
        List<KeyDef> writers = Schema.keys().stream().filter(k -> LanguageReference.writes(k, setting)).toList();
        if (!writers.isEmpty()) {
            out.println("`" + setting + "=` is written by " + String.join(" and ",
                    writers.stream().map(k -> "`" + k.path().replaceFirst("^service\\.", "") + "`").toList()) + ":");
            out.println();
            writers.forEach(k -> out.print(LanguageReference.entry(k)));
            return Main.OK;
        }
        List<String> names = new ArrayList<>(Schema.keys().stream().map(KeyDef::name).distinct().toList());
        Schema.blocks().forEach(b -> names.add(b.name()));
        Specifiers.all().forEach(w -> names.add(w.word()));
        Schema.keys().forEach(k -> names.addAll(LanguageReference.systemdKeys(k)));
        String hint = Suggestions.closest(key, names).map(s -> "; did you mean `" + s + "`?").orElse("");
        command.commandLine().getErr().println("deployc: there is no key, block or systemd setting `" + key + "` in the language" + hint);
        return Main.USAGE_OR_IO;
    }
}
