package dev.deployc.support;

import dev.deployc.Compiler;
import dev.deployc.diag.Diagnostic;
import dev.deployc.diag.Source;
import dev.deployc.format.Formatter;
import dev.deployc.syntax.antlr.DeployLexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Hostile inputs made from real ones: every sample and golden input, mutated by characters, spliced
 * by tokens from another input, or with values swapped for values from anywhere (the corpus, or a
 * list of known troublemakers). Shared by the fuzz property in the normal test run and the long
 * run of {@code bench/fuzz}; {@link #verdict} is the one oracle both use.
 */
public final class Fuzz {

    /** Values that have broken compilers, systemd or shells: wrong types, escapes, odd Unicode, sizes. */
    static final List<String> TROUBLE = List.of(
            "1x", "\"5m\"", "-1", "0", "99999999999999999999999", "1.5", "-0.0s", "1e5", "100%", "101%", "0%",
            "true", "false", "socket", "socket.http", "service.x", "target.", "[]", "[[]]", "[1, \"a\", 2s]",
            "\"\"", "\" \"", "\"$HOME\"", "\"a`id`b\"", "\"$(id)\"", "\"'\"", "\"\\\"\"", "\"\\\\\"", "\"%\"", "\"%n\"",
            "\"%%\"", "\"${x}\"", "\"\\t\"", "\"\\n\"", "\"\\r\"", "\"\\u{0}\"", "\"\\u{7f}\"", "\"\\u{FFFE}\"",
            "\"\\u{FDD0}\"", "\"\\u{10FFFF}\"", "\"\\u{202E}\"", "\"\\u{FEFF}\"", "\"/opt/a b/c\"", "\"/opt/a\\\"b\"",
            "\"/opt/a\\\\b\"", "\"/opt/a\\tb\"", "\"/opt/$x/y\"", "\"/opt/../etc\"", "\"/\"", "\"//\"", "\"-rf\"",
            "\"../../etc/passwd\"", "\"/etc/passwd\"", "\"hosts.txt\"", "\"http://[::1]:80/\"", "\"http://a b\"",
            "\"unix:/run/x\"", "\"[::]:80\"", "\"0.0.0.0:65536\"", "\"a\\u{0}b\"", "1ms", "0s", "100y", "512MiB", "1TiB",
            "9999999TiB", "#", "\"#\"", "\"\\u{1F600}\"", "\"x;y\"", "\"a&&b\"", "\"*\"", "\"?\"", "\"~\"", "\"!x\"");

    /** Characters that open, close or escape something, plus some that systemd or Unicode treat specially. */
    private static final String CHARACTERS = "{}[]=,\"#\\\n \t%$`'.-_0123456789aZ\u0000\u00a0\ufffe\u202e\ud83d\ude00";

    public record Input(String origin, String text) {}

    private final List<String> texts = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<List<Token>> tokens = new ArrayList<>();
    private final List<String> values = new ArrayList<>(TROUBLE);

    public Fuzz() {
        List<Path> files = new ArrayList<>(Specs.samples());
        Specs.goldenCases().forEach(d -> files.add(d.resolve("input.deploy")));
        for (Path p : files) {
            try {
                String text = Files.readString(p);
                texts.add(text);
                names.add(p.toString());
                List<Token> toks = lex(text);
                tokens.add(toks);
                for (int i = 1; i < toks.size(); i++) {
                    if (toks.get(i - 1).getType() == DeployLexer.EQ) values.add(toks.get(i).getText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public int corpusSize() {
        return texts.size();
    }

    /** The {@code n}th hostile input for this seed: reproducible from (seed, n) alone. */
    public Input input(long seed) {
        Random r = new Random(seed);
        int pick = r.nextInt(texts.size());
        String text = texts.get(pick);
        StringBuilder how = new StringBuilder(names.get(pick));
        int rounds = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1;
        for (int k = 0; k < rounds; k++) {
            switch (r.nextInt(4)) {
                case 0 -> { text = characters(text, r); how.append(" +chars"); }
                case 1 -> { text = splice(text, r); how.append(" +splice"); }
                default -> { text = swapValue(text, r); how.append(" +swap"); }
            }
        }
        return new Input(how + " (seed " + seed + ")", text);
    }

    private static String characters(String text, Random r) {
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + r.nextInt(4);
        for (int k = 0; k < edits; k++) {
            int at = r.nextInt(b.length() + 1);
            switch (r.nextInt(3)) {
                case 0 -> {
                    int cp = CHARACTERS.codePointAt(r.nextInt(CHARACTERS.length() - 1));
                    if (Character.isLowSurrogate((char) cp)) cp = 'x';
                    b.insert(at, Character.toChars(cp));
                }
                case 1 -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(8)));
                default -> {
                    int end = Math.min(b.length(), at + 1 + r.nextInt(40));
                    b.insert(at, b.substring(at, end));
                }
            }
        }
        return b.toString();
    }

    /** Replaces a run of this input's tokens with a run of another input's. */
    private String splice(String text, Random r) {
        List<Token> mine = lex(text);
        List<Token> donor = tokens.get(r.nextInt(tokens.size()));
        if (mine.size() < 2 || donor.size() < 2) return text;
        int a = r.nextInt(mine.size() - 1);
        int b = Math.min(mine.size() - 1, a + r.nextInt(6));
        int c = r.nextInt(donor.size() - 1);
        int d = Math.min(donor.size() - 1, c + 1 + r.nextInt(12));
        String donorText = donor.get(c).getInputStream().toString();
        String piece = donorText.substring(donor.get(c).getStartIndex(), donor.get(d - 1).getStopIndex() + 1);
        int from = mine.get(a).getStartIndex();
        int to = b > a ? mine.get(b - 1).getStopIndex() + 1 : from;
        return text.substring(0, from) + (r.nextBoolean() ? " " : "\n") + piece + " " + text.substring(to);
    }

    /** Puts a value from anywhere where this input has a value. */
    private String swapValue(String text, Random r) {
        List<Token> mine = lex(text);
        List<Integer> at = new ArrayList<>();
        for (int i = 1; i < mine.size(); i++) {
            int prev = mine.get(i - 1).getType();
            int type = mine.get(i).getType();
            if ((prev == DeployLexer.EQ || prev == DeployLexer.LBRACK || prev == DeployLexer.COMMA)
                    && type != Token.EOF && type != DeployLexer.RBRACK) {
                at.add(i);
            }
        }
        if (at.isEmpty()) return text;
        Token t = mine.get(at.get(r.nextInt(at.size())));
        String value = values.get(r.nextInt(values.size()));
        // Half the time a value of the same kind, so more mutants pass the type checks and reach the emitters.
        for (int k = 0; k < 20 && r.nextBoolean() && lex(value).get(0).getType() != t.getType(); k++) {
            value = values.get(r.nextInt(values.size()));
        }
        return text.substring(0, t.getStartIndex()) + value + text.substring(t.getStopIndex() + 1);
    }

    private static List<Token> lex(String text) {
        DeployLexer lexer = new DeployLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            out.add(t);
        }
        return out;
    }

    /** Compiles one input; empty when every law holds, else what broke. Accepted specs' results are kept in {@code accepted}. */
    public static Optional<String> verdict(Input input, List<Compiler.Result> accepted) {
        Compiler.Result result;
        try {
            result = new Compiler().compile(new Source("fuzz.deploy", input.text()), "fuzz.deploy");
        } catch (Throwable e) {
            return Optional.of("exception escaped: " + e);
        }
        int length = input.text().length();
        long lines = input.text().chars().filter(c -> c == '\n').count() + 1;
        for (Diagnostic d : result.diagnostics()) {
            if (d.message().startsWith("internal error")) return Optional.of(d.message());
            if (d.span().start() > length + 1 || d.span().line() > lines + 1) {
                return Optional.of("diagnostic outside the text: " + d);
            }
        }
        if (!result.ok()) {
            return result.diagnostics().isEmpty() ? Optional.of("rejected without a diagnostic") : Optional.empty();
        }
        try {
            var formatted = new Formatter().format(new Source("fuzz.deploy", input.text()));
            if (formatted.formatted().isEmpty()) return Optional.of("accepted, but fmt cannot parse it");
            Compiler.Result again = new Compiler().compile(new Source("fuzz.deploy", formatted.formatted().get()), "fuzz.deploy");
            if (!again.files().equals(result.files())) return Optional.of("fmt changed what the spec compiles to");
        } catch (Throwable e) {
            return Optional.of("fmt threw " + e);
        }
        accepted.add(result);
        return Optional.empty();
    }
}
