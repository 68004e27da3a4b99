package dev.deployc.check;

import dev.deployc.schema.KeyDef;
import dev.deployc.schema.ValueType;
import dev.deployc.syntax.Ast;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
            case STRING -> key.scope().equals("service.env") ? commands.expandingText(key, v, TextRule.UNIT_SAFE)
                    : text(key, v, TextRule.UNIT_SAFE);
            case TEXT, SYSCTL_VALUE -> text(key, v, TextRule.UNIT_SAFE);
            case NAME -> text(key, v, TextRule.NAME);
            case USER -> v instanceof Ast.Word w && w.word().equals("instance") && key.scope().equals("service")
                    ? dev.deployc.model.ExecWord.instance()
                    : v instanceof Ast.Word w && w.word().equals("instance")
                    ? wrongType(key, v, "a socket unit is never an instance, so `%i` would be empty there; name the account in quotes")
                    : text(key, v, TextRule.USER);
            case PATH -> v instanceof Ast.ListOf l && SPECIFIER_PATHS.contains(key.scope().equals("service") ? key.path() : key.scope())
                    ? commands.expandingPath(key, l, "") : words.normalisedPath(key, v, false);
            case GO_VERSION -> text(key, v, TextRule.GO_VERSION);
            case GO_SYMBOL -> text(key, v, TextRule.GO_SYMBOL);
            case GO_PACKAGE -> text(key, v, TextRule.GO_PACKAGE);
            case MODULE -> text(key, v, TextRule.MODULE);
            case URL -> text(key, v, TextRule.URL);
            case DIGEST -> text(key, v, TextRule.DIGEST);
            case PATHS, STRINGS, DOC_URLS, REFERENCES, COMMANDS, ADDRESS_FAMILIES, SYSCALL_SETS, DEVICES, WRITABLE_PATHS, ENV_FILES, NAMES
                    -> list(key, v, false);
            case TARGETS, PORTS, LISTEN, EXIT_STATUSES, DIRECTORIES, CONDITION_PATHS -> list(key, v, true);
            case CAPABILITIES -> v instanceof Ast.Word w && w.word().equals("unrestricted") ? "unrestricted"
                    : list(key, v, false);
            case ARGV -> commands.argv(key, v);
            case DURATION -> quantities.duration(key, v);
            case SIZE -> quantities.size(key, v);
            case PERCENT -> quantities.percent(key, v);
            case INTEGER -> quantities.integer(key, v);
            case NUMBER -> quantities.number(key, v);
            case BOOL -> words.bool(key, v);
            case ENUM -> words.choice(key, v);
            case PORT -> words.port(key, v);
            case WEIGHT -> words.weight(key, v);
            case SIGNAL -> words.signal(key, v);
            case LIMIT -> quantities.limit(key, v);
            case SIZE_LIMIT -> quantities.sizeLimit(key, v);
            case MODE -> quantities.mode(key, v);
            case UMASK -> quantities.umask(key, v);
            case TEMPLATE_TEXT -> v instanceof Ast.ListOf l ? commands.templateText(key, l)
                    : v instanceof Ast.Word w ? commands.templateText(key, new Ast.ListOf(List.of(w), w.span()))
                    : text(key, v, TextRule.UNIT_SAFE);
            case RAW -> v instanceof Ast.ListOf ? list(key, v, false) : text(key, v, TextRule.UNIT_SAFE);
        };
    }

    /** One item of a list-valued key. */
    @Override
    Object listItem(KeyDef key, Ast.Value item) {
        return switch (key.type()) {
            case PATHS -> text(key, item, TextRule.ABSOLUTE_PATH);
            case STRINGS, RAW -> text(key, item, TextRule.UNIT_SAFE);
            case CAPABILITIES -> text(key, item, TextRule.CAPABILITY);
            case TARGETS -> words.target(key, item);
            case PORTS -> words.port(key, item);
            case LISTEN -> words.listen(key, item);
            case REFERENCES -> words.reference(key, item);
            case DOC_URLS -> text(key, item, TextRule.DOCUMENTATION_URI);
            case EXIT_STATUSES -> words.exitStatus(key, item);
            case DIRECTORIES -> text(key, item, TextRule.DIRECTORY_NAME);
            case COMMANDS -> commands.command(key, item);
            case CONDITION_PATHS -> item instanceof Ast.ListOf l ? commands.expandingPath(key, l, "!")
                    : text(key, item, TextRule.CONDITION_PATH);
            case ADDRESS_FAMILIES -> text(key, item, TextRule.ADDRESS_FAMILY);
            case SYSCALL_SETS -> text(key, item, TextRule.SYSCALL_SET);
            case DEVICES -> text(key, item, TextRule.DEVICE_RULE);
            case WRITABLE_PATHS -> item instanceof Ast.ListOf l ? commands.expandingPath(key, l, "-")
                    : words.normalisedPath(key, item, true);
            case ENV_FILES -> item instanceof Ast.ListOf l ? commands.expandingPath(key, l, "")
                    : words.normalisedPath(key, item, false);
            case NAMES -> text(key, item, TextRule.ENV_NAME);
            default -> throw new IllegalArgumentException("`" + key.path() + "` takes no list");
        };
    }

    /** The rules of {@link TextRules} that {@link Conversions#text} applies to a string. */
    enum TextRule implements Function<String, Optional<String>> {
        UNIT_SAFE, NAME, USER, GO_VERSION, GO_SYMBOL, GO_PACKAGE, MODULE, URL, DIGEST, ABSOLUTE_PATH, CAPABILITY, DOCUMENTATION_URI,
        DIRECTORY_NAME, ADDRESS_FAMILY, SYSCALL_SET, DEVICE_RULE, ENV_NAME,
        /** An absolute path, which may start with `!` (negated). */
        CONDITION_PATH;

        @Override
        public Optional<String> apply(String s) {
            return switch (this) {
                case UNIT_SAFE -> TextRules.unitSafe(s);
                case NAME -> TextRules.name(s);
                case USER -> TextRules.user(s);
                case GO_VERSION -> TextRules.goVersion(s);
                case GO_SYMBOL -> TextRules.goSymbol(s);
                case GO_PACKAGE -> TextRules.goPackage(s);
                case MODULE -> TextRules.module(s);
                case URL -> TextRules.url(s);
                case DIGEST -> TextRules.digest(s);
                case ABSOLUTE_PATH -> TextRules.absolutePath(s);
                case CAPABILITY -> TextRules.capability(s);
                case DOCUMENTATION_URI -> TextRules.documentationUri(s);
                case DIRECTORY_NAME -> TextRules.directoryName(s);
                case ADDRESS_FAMILY -> TextRules.addressFamily(s);
                case SYSCALL_SET -> TextRules.syscallSet(s);
                case DEVICE_RULE -> TextRules.deviceRule(s);
                case ENV_NAME -> TextRules.envName(s);
                case CONDITION_PATH -> TextRules.absolutePath(s.startsWith("!") ? s.substring(1) : s);
            };
        }
    }
}
