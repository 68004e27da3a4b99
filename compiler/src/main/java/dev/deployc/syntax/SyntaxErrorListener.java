package dev.deployc.syntax;

import dev.deployc.diag.Diagnostic;
import dev.deployc.diag.Span;
import dev.deployc.syntax.antlr.DeployLexer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Rewrites ANTLR's syntax errors into plain words; at most one per line, so one slip reads as one error. */
final class SyntaxErrorListener extends BaseErrorListener {

    private final String file;
    private final List<Token> tokens;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<Integer> linesWithErrors = new HashSet<>();

    SyntaxErrorListener(String file, List<Token> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    void report(Diagnostic d) {
        if (linesWithErrors.add(d.span().line())) {
            diagnostics.add(d);
        }
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg,
            RecognitionException e) {
        if (!(recognizer instanceof Parser parser) || !(offending instanceof Token found)) {
            return;
        }
        IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        Diagnostic d = describe(found, previous(found), expected);
        if (d != null) {
            report(d);
        }
    }

    private Diagnostic describe(Token found, Token prev, IntervalSet expected) {
        int prevType = prev == null ? Token.INVALID_TYPE : prev.getType();
        Span at = found.getType() == Token.EOF && prev != null ? endOf(prev) : Tokens.span(found);
        if (prevType == DeployLexer.EQ) {
            // On another line the found token is no help to the reader; the `=` is.
            Span where = found.getType() == Token.EOF || found.getLine() != prev.getLine() ? Tokens.span(prev) : at;
            return Diagnostic.error(file, where, "expected a value after `=`, found " + describe(found))
                    .withHelp("a value is a string (\"…\"), a number, a quantity such as `5s` or `512MiB`, a word, or a list […]");
        }
        if (found.getType() == Token.EOF && expected.contains(DeployLexer.RBRACE)) {
            Token open = innermostUnclosedBrace();
            Span where = open != null ? Tokens.span(open) : at;
            return Diagnostic.error(file, where, "this `{` is never closed")
                    .withHelp("add `}` where the block ends");
        }
        if (prevType == DeployLexer.NAME && isKey(prev) && found.getType() != DeployLexer.EQ) {
            return Diagnostic.error(file, at, "expected `=` or `{` after `" + prev.getText() + "`, found " + describe(found))
                    .withHelp("write `" + prev.getText() + " = value` for a key, or `" + prev.getText() + " { … }` for a block");
        }
        if (prevType == DeployLexer.STRING && expected.contains(DeployLexer.LBRACE)) {
            return Diagnostic.error(file, at, "expected `{` after the block label, found " + describe(found));
        }
        if (expected.contains(DeployLexer.COMMA) || expected.contains(DeployLexer.RBRACK)) {
            return Diagnostic.error(file, at, "expected `,` or `]` in the list, found " + describe(found))
                    .withHelp("separate list items with commas: `[a, b]`");
        }
        if (found.getType() == DeployLexer.RBRACE && !expected.contains(DeployLexer.RBRACE)) {
            if (closesOpenBrace(found)) {
                return null; // the parser gave up on this block after an earlier error; nothing new to say
            }
            return Diagnostic.error(file, at, "unexpected `}` with no open block to close");
        }
        if (expected.contains(DeployLexer.NAME)) {
            return Diagnostic.error(file, at, "expected a key or a block, found " + describe(found))
                    .withHelp("write `name = value` or `name { … }`");
        }
        return Diagnostic.error(file, at, "unexpected " + describe(found));
    }

    static String describe(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "the end of the file";
            case DeployLexer.STRING -> "a string";
            case DeployLexer.NUMBER, DeployLexer.QUANTITY -> "`" + t.getText() + "`";
            case DeployLexer.NAME -> "`" + shorten(t.getText()) + "`";
            default -> "`" + t.getText() + "`";
        };
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private Span endOf(Token t) {
        Span s = Tokens.span(t);
        int width = Math.max(s.length(), 1);
        return new Span(s.end(), s.end() + 1, s.line(), s.column() + width);
    }

    private Token previous(Token t) {
        for (int i = t.getTokenIndex() - 1; i >= 0 && i < tokens.size(); i--) {
            Token p = tokens.get(i);
            if (p.getChannel() == Token.DEFAULT_CHANNEL) {
                return p;
            }
        }
        return null;
    }

    /** A name right after `{`, `}`, a value or the start of the file stands where a key would. */
    private boolean isKey(Token name) {
        Token before = previous(name);
        return before == null || (before.getType() != DeployLexer.EQ && before.getType() != DeployLexer.COMMA
                && before.getType() != DeployLexer.LBRACK);
    }

    /** Brace depth before each token, computed once: asking per error would be quadratic in a file of stray `}`. */
    private int[] depthBefore;

    private boolean closesOpenBrace(Token closing) {
        if (depthBefore == null) {
            depthBefore = new int[tokens.size() + 1];
            int depth = 0;
            for (int k = 0; k < tokens.size(); k++) {
                depthBefore[k] = depth;
                if (tokens.get(k).getType() == DeployLexer.LBRACE) depth++;
                if (tokens.get(k).getType() == DeployLexer.RBRACE) depth--;
            }
            depthBefore[tokens.size()] = depth;
        }
        int index = closing.getTokenIndex();
        return index >= 0 && index < depthBefore.length && depthBefore[index] > 0;
    }

    private Token innermostUnclosedBrace() {
        Deque<Token> open = new ArrayDeque<>();
        for (Token t : tokens) {
            if (t.getType() == DeployLexer.LBRACE) {
                open.push(t);
            } else if (t.getType() == DeployLexer.RBRACE && !open.isEmpty()) {
                open.pop();
            }
        }
        return open.peek();
    }
}
