package dev.deployc.check;

import dev.deployc.schema.KeyDef;
import dev.deployc.schema.ValueType;
import dev.deployc.syntax.Ast;
import java.util.List;

/**
 * Turns a syntax value into the typed value its key's {@link ValueType} calls for, or reports why
 * it cannot. Returns {@code null} after reporting.
 */
final class ValueConverter extends Conversions {

    /** The path keys (and open blocks of paths) whose systemd settings expand specifiers, so a path may be made of parts. */
    private static final java.util.Set<String> SPECIFIER_PATHS = java.util.Set.of("service.workdir", "service.credentials",
            "service.encrypted_credentials");

    private final QuantityConverter quantities;
    private final WordConverter words;
    private final CommandConverter commands;

    ValueConverter(Findings findings) {
        super(findings);
        this.quantities = new QuantityConverter(findings);
        this.words = new WordConverter(findings);
        this.commands = new CommandConverter(findings);
    }

    Object convert(KeyDef key, Ast.Value v) {
        return switch (key.type()) {
            case STRING -> key.scope().equals("service.env") ? commands.expandingText(key, v, TextRules::unitSafe)
                    : text(key, v, TextRules::unitSafe);
            case TEXT, SYSCTL_VALUE -> text(key, v, TextRules::unitSafe);
            case NAME -> text(key, v, TextRules::name);
            case USER -> v instanceof Ast.Word w && w.word().equals("instance") && key.scope().equals("service")
                    ? dev.deployc.model.ExecWord.instance()
                    : v instanceof Ast.Word w && w.word().equals("instance")
                    ? wrongType(key, v, "a socket unit is never an instance, so `%i` would be empty there; name the account in quotes")
                    : text(key, v, TextRules::user);
            case PATH -> v instanceof Ast.ListOf l && SPECIFIER_PATHS.contains(key.scope().equals("service") ? key.path() : key.scope())
                    ? commands.expandingPath(key, l, "") : words.normalisedPath(key, v, false);
            case GO_VERSION -> text(key, v, TextRules::goVersion);
            case GO_SYMBOL -> text(key, v, TextRules::goSymbol);
            case GO_PACKAGE -> text(key, v, TextRules::goPackage);
            case MODULE -> text(key, v, TextRules::module);
            case URL -> text(key, v, TextRules::url);
            case DIGEST -> text(key, v, TextRules::digest);
            case PATHS -> list(key, v, false, item -> text(key, item, TextRules::absolutePath));
            case STRINGS -> list(key, v, false, item -> text(key, item, TextRules::unitSafe));
            case CAPABILITIES -> v instanceof Ast.Word w && w.word().equals("unrestricted") ? "unrestricted"
                    : list(key, v, false, item -> text(key, item, TextRules::capability));
            case TARGETS -> list(key, v, true, item -> words.target(key, item));
            case ARGV -> commands.argv(key, v);
            case DURATION -> quantities.duration(key, v);
            case SIZE -> quantities.size(key, v);
            case PERCENT -> quantities.percent(key, v);
            case INTEGER -> quantities.integer(key, v);
            case NUMBER -> quantities.number(key, v);
            case BOOL -> words.bool(key, v);
            case ENUM -> words.choice(key, v);
            case PORT -> words.port(key, v);
            case PORTS -> list(key, v, true, item -> words.port(key, item));
            case LISTEN -> list(key, v, true, item -> words.listen(key, item));
            case REFERENCES -> list(key, v, false, item -> words.reference(key, item));
            case WEIGHT -> words.weight(key, v);
            case DOC_URLS -> list(key, v, false, item -> text(key, item, TextRules::documentationUri));
            case SIGNAL -> words.signal(key, v);
            case EXIT_STATUSES -> list(key, v, true, item -> words.exitStatus(key, item));
            case LIMIT -> quantities.infinityOr(key, v, () -> quantities.integer(key, v));
            case SIZE_LIMIT -> quantities.infinityOr(key, v, () -> quantities.size(key, v));
            case MODE -> quantities.mode(key, v);
            case DIRECTORIES -> list(key, v, true, item -> text(key, item, TextRules::directoryName));
            case COMMANDS -> list(key, v, false, item -> commands.command(key, item));
            case CONDITION_PATHS -> list(key, v, true, item -> item instanceof Ast.ListOf l ? commands.expandingPath(key, l, "!")
                    : text(key, item, p -> TextRules.absolutePath(p.startsWith("!") ? p.substring(1) : p)));
            case ADDRESS_FAMILIES -> list(key, v, false, item -> text(key, item, TextRules::addressFamily));
            case SYSCALL_SETS -> list(key, v, false, item -> text(key, item, TextRules::syscallSet));
            case DEVICES -> list(key, v, false, item -> text(key, item, TextRules::deviceRule));
            case UMASK -> quantities.umask(key, v);
            case WRITABLE_PATHS -> list(key, v, false, item -> item instanceof Ast.ListOf l ? commands.expandingPath(key, l, "-")
                    : words.normalisedPath(key, item, true));
            case ENV_FILES -> list(key, v, false, item -> item instanceof Ast.ListOf l ? commands.expandingPath(key, l, "")
                    : words.normalisedPath(key, item, false));
            case NAMES -> list(key, v, false, item -> text(key, item, TextRules::envName));
            case TEMPLATE_TEXT -> v instanceof Ast.ListOf l ? commands.templateText(key, l)
                    : v instanceof Ast.Word w ? commands.templateText(key, new Ast.ListOf(List.of(w), w.span()))
                    : text(key, v, TextRules::unitSafe);
            case RAW -> v instanceof Ast.ListOf ? list(key, v, false, item -> text(key, item, TextRules::unitSafe))
                    : text(key, v, TextRules::unitSafe);
        };
    }
}
