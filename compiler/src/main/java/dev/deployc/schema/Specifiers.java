package dev.deployc.schema;

import java.util.List;
import java.util.Optional;

/**
 * The bare words that stand for systemd's specifiers (systemd.unit(5), "Specifiers"), one row each.
 * They are allowed only where systemd expands specifiers: command-line words, `env` values,
 * `description`, paths made of parts (`workdir`, environment files, writable paths, credentials,
 * condition and assert paths), and `instance` in
 * `user` and `group`. Specifiers that describe the service manager rather
 * than the service (`%u`, `%h`, `%g`: always root's for the system manager, whatever `User=` says),
 * or the operating system image (`%A`, `%B`, `%M`, `%o`, `%w`, `%W`) are left out on purpose.
 */
public final class Specifiers {

    /** One word: its spelling, the specifier it writes, whether only a template unit has it, and what it expands to. */
    public record Word(String word, char letter, boolean templateOnly, String doc) {
        public String specifier() {
            return "%" + letter;
        }
    }

    private static final List<Word> WORDS = List.of(
            new Word("instance", 'i', true, "The instance name of a template unit, as in the unit name (escaped): `dev-sda` of "
                    + "`app@dev-sda.service`. In `description`, the unescaped form `%I` is written, for people."),
            new Word("instance_unescaped", 'I', true, "The instance name with systemd's escaping undone: `dev/sda` of `app@dev-sda.service`."),
            new Word("unit_name", 'n', false, "The full unit name, such as `orders-api.service` or `orders-sync@alice.service`."),
            new Word("unit_prefix", 'p', false, "The unit name before `@` (or without its suffix), such as `orders-sync`."),
            new Word("machine_id", 'm', false, "The host's machine ID (/etc/machine-id), 32 hexadecimal digits; stable across boots."),
            new Word("boot_id", 'b', false, "The ID of the current boot, 32 hexadecimal digits; changes at every boot."),
            new Word("host_name", 'H', false, "The host name when systemd loads the unit."),
            new Word("short_host_name", 'l', false, "The host name up to its first dot."),
            new Word("runtime_root", 't', false, "The runtime directory root: `/run` for system services."),
            new Word("state_root", 'S', false, "The state directory root: `/var/lib` for system services."),
            new Word("cache_root", 'C', false, "The cache directory root: `/var/cache` for system services."),
            new Word("logs_root", 'L', false, "The logs directory root: `/var/log` for system services."),
            new Word("config_root", 'E', false, "The configuration directory root: `/etc` for system services."),
            new Word("credentials_directory", 'd', false, "The service's credentials directory (`$CREDENTIALS_DIRECTORY`), "
                    + "where the `credentials` are; pass a file's path to a program that takes one: `[credentials_directory, \"/db_password\"]`."));

    private Specifiers() {}

    public static List<Word> all() {
        return WORDS;
    }

    public static Optional<Word> byWord(String word) {
        return WORDS.stream().filter(w -> w.word().equals(word)).findFirst();
    }

    public static Optional<Word> byLetter(char letter) {
        return WORDS.stream().filter(w -> w.letter() == letter).findFirst();
    }

    /** The spec's word for a specifier letter. */
    public static String word(char letter) {
        return byLetter(letter).map(Word::word).orElse("%" + letter);
    }

    /** The specifier words, as help lists them. */
    public static String listed() {
        return "`" + String.join("`, `", WORDS.stream().map(Word::word).toList()) + "`";
    }
}
