package dev.deployc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.deployc.emit.systemd.UnitEscaper;
import dev.deployc.model.ExecWord;
import dev.deployc.validators.SystemdWordsAccess;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The unit escapers round-trip through systemd's quoting rules, read by an independent splitter. */
class EscaperProperties {

    @Property(tries = 2000)
    void execLineRoundTrips(@ForAll("argv") List<String> argv) {
        String line = UnitEscaper.execLine(argv);
        List<String> words = SystemdWordsAccess.split(line).stream().map(EscaperProperties::resolveExec).toList();
        assertEquals(argv, words, line);
        assertFalse(line.contains("\n"));
    }

    @Property(tries = 2000)
    void environmentRoundTrips(@ForAll("names") String name, @ForAll("unitText") String value) {
        String assignment = UnitEscaper.environment(name, value);
        List<String> words = SystemdWordsAccess.split(assignment);
        assertEquals(List.of(name + "=" + value), words.stream().map(w -> w.replace("%%", "%")).toList(), assignment);
    }

    @Property(tries = 1000)
    void listWordsRoundTrip(@ForAll("argv") List<String> paths) {
        String line = String.join(" ", paths.stream().map(UnitEscaper::listWord).toList());
        assertEquals(paths, SystemdWordsAccess.split(line).stream().map(w -> w.replace("%%", "%")).toList(), line);
    }

    @Property(tries = 1000)
    void rawValuesKeepTheirText(@ForAll("unitText") String value) {
        assertEquals(value, UnitEscaper.raw(value).replace("%%", "%"));
    }

    /**
     * Words made of parts (`["--cfg=", env.X]`, `["--name=", machine_id]`) round-trip: after systemd
     * unquotes the line, resolves specifiers (`%%` is `%`) and then variables (`$$` is `$`, `${X}` is
     * X's value in one word), each argument is its literal parts with the expansions' values spliced in.
     */
    @Property(tries = 2000)
    void splicedWordsRoundTrip(@ForAll("splicedArgv") List<List<ExecWord.Part>> argv) {
        String line = UnitEscaper.execLine(argv.stream().map(ExecWord::of).toList());
        List<String> words = SystemdWordsAccess.split(line).stream().map(EscaperProperties::expandLikeSystemd).toList();
        List<String> expected = argv.stream().map(EscaperProperties::spliced).toList();
        assertEquals(expected, words, line);
        assertFalse(line.contains("\n"));
    }

    @Property(tries = 1000)
    void environmentWithSpecifiersRoundTrips(@ForAll("names") String name, @ForAll("textParts") List<ExecWord.Part> value) {
        String assignment = UnitEscaper.environment(name, ExecWord.of(value));
        List<String> words = SystemdWordsAccess.split(assignment);
        assertEquals(List.of(name + "=" + spliced(value)), words.stream().map(EscaperProperties::resolveSpecifiers).toList(), assignment);
    }

    @Property(tries = 1000)
    void listWordsWithSpecifiersRoundTrip(@ForAll("pathsOfParts") List<List<ExecWord.Part>> paths) {
        String line = String.join(" ", paths.stream().map(p -> UnitEscaper.listWord(ExecWord.of(p))).toList());
        assertEquals(paths.stream().map(EscaperProperties::spliced).toList(),
                SystemdWordsAccess.split(line).stream().map(EscaperProperties::resolveSpecifiers).toList(), line);
    }

    @Provide
    Arbitrary<List<List<ExecWord.Part>>> pathsOfParts() {
        return textParts().list().ofMinSize(1).ofMaxSize(4);
    }

    private static final Map<String, String> ENV = Map.of("A", "a value with spaces", "B_1", "$HOME \"quoted\" %i", "EMPTY", "");
    private static final Map<Character, String> SPECIFIERS = Map.of('m', "0123456789abcdef0123456789abcdef", 'H', "host.example",
            'i', "dev-sda", 'I', "dev/sda", 'S', "/var/lib", 'n', "app@dev-sda.service");

    private static String spliced(List<ExecWord.Part> parts) {
        StringBuilder b = new StringBuilder();
        for (ExecWord.Part p : parts) {
            b.append(p instanceof ExecWord.Literal l ? l.text()
                    : p instanceof ExecWord.Variable v ? ENV.get(v.name()) : SPECIFIERS.get(((ExecWord.Specifier) p).letter()));
        }
        return b.toString();
    }

    /** Load time: `%%` is one `%`, `%x` the specifier's value; any other `%` would be an error. */
    private static String resolveSpecifiers(String word) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '%') {
                if (i + 1 >= word.length()) throw new AssertionError("a lone % at the end: " + word);
                char s = word.charAt(++i);
                if (s == '%') b.append('%');
                else if (SPECIFIERS.containsKey(s)) b.append(SPECIFIERS.get(s));
                else throw new AssertionError("unexpected specifier %" + s + " in " + word);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Then, at start: `$$` is one `$`, `${X}` the variable's value, spliced as it is; any other `$` would expand. */
    private static String expandLikeSystemd(String word) {
        String w = resolveSpecifiers(word);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < w.length(); i++) {
            if (w.startsWith("$$", i)) {
                b.append('$');
                i++;
            } else if (w.startsWith("${", i)) {
                int end = w.indexOf('}', i);
                b.append(ENV.get(w.substring(i + 2, end)));
                i = end;
            } else if (w.charAt(i) == '$') {
                throw new AssertionError("unescaped $ would be expanded by systemd: " + word);
            } else {
                b.append(w.charAt(i));
            }
        }
        return b.toString();
    }

    @Provide
    Arbitrary<List<ExecWord.Part>> textParts() {
        Arbitrary<ExecWord.Part> literal = unitText().map(ExecWord.Literal::new);
        Arbitrary<ExecWord.Part> specifier = Arbitraries.of(SPECIFIERS.keySet()).map(ExecWord.Specifier::new);
        return Arbitraries.oneOf(literal, literal, specifier).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<List<ExecWord.Part>>> splicedArgv() {
        Arbitrary<ExecWord.Part> literal = unitText().map(ExecWord.Literal::new);
        Arbitrary<ExecWord.Part> variable = Arbitraries.of(ENV.keySet()).map(n -> new ExecWord.Variable(n, false));
        Arbitrary<ExecWord.Part> specifier = Arbitraries.of(SPECIFIERS.keySet()).map(ExecWord.Specifier::new);
        return Arbitraries.oneOf(literal, literal, variable, specifier).list().ofMinSize(1).ofMaxSize(5).list().ofMinSize(1).ofMaxSize(5);
    }

    /** What systemd does after unquoting an ExecStart= word: %% is one %, $$ is one $. */
    private static String resolveExec(String word) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if ((c == '%' || c == '$') && i + 1 < word.length() && word.charAt(i + 1) == c) {
                i++;
            } else if (c == '%' || c == '$') {
                throw new AssertionError("unescaped " + c + " would be expanded by systemd: " + word);
            }
            b.append(c);
        }
        return b.toString();
    }

    @Provide
    Arbitrary<String> unitText() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("\téß€\u00a0;").ofMaxLength(24)
                .filter(s -> !s.endsWith("\\"));
    }

    @Provide
    Arbitrary<List<String>> argv() {
        return unitText().list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('A', 'Z').withChars('_').ofMinLength(1).ofMaxLength(10);
    }
}
