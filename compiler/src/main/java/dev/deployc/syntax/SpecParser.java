package dev.deployc.syntax;

import dev.deployc.diag.Diagnostic;
import dev.deployc.diag.Source;
import dev.deployc.syntax.antlr.DeployLexer;
import dev.deployc.syntax.antlr.DeployParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/** First stage: text to syntax tree, with every syntax error as a plain-words diagnostic. */
public final class SpecParser {

    /** {@code tokens}: every token of the text but whitespace, comments included, then EOF. */
    public record Result(Ast.Document document, List<Diagnostic> diagnostics, List<Token> tokens) {
        public boolean ok() {
            for (Diagnostic d : diagnostics) {
                if (d.isError()) return false;
            }
            return true;
        }
    }

    public Result parse(Source source) {
        DeployLexer lexer = new DeployLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        List<Diagnostic> lexical = new ArrayList<>();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            Token kept = screen(t, source.name(), lexical);
            if (kept != null) {
                ((CommonToken) kept).setTokenIndex(tokens.size());
                tokens.add(kept);
            }
            if (t.getType() == Token.EOF) {
                break;
            }
        }
        SyntaxErrorListener errors = new SyntaxErrorListener(source.name(), tokens);
        for (Diagnostic d : lexical) {
            errors.report(d);
        }
        Token tooDeep = firstTooDeep(tokens);
        if (tooDeep != null) {
            // The parser recurses per level; refuse absurd nesting instead of risking the stack.
            errors.report(Diagnostic.error(source.name(), Tokens.span(tooDeep),
                    "blocks and lists nest more than " + MAX_DEPTH + " levels deep"));
            return new Result(new Ast.Document(List.of()), errors.diagnostics(), List.copyOf(tokens));
        }

        DeployParser parser = new DeployParser(new CommonTokenStream(new ListTokenSource(tokens, source.name())));
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        DeployParser.DocumentContext tree = parser.document();

        AstBuilder builder = new AstBuilder(source.name());
        Ast.Document document = builder.document(tree);
        List<Diagnostic> all = new ArrayList<>(errors.diagnostics());
        all.addAll(builder.diagnostics());
        return new Result(document, all, List.copyOf(tokens));
    }

    private static final int MAX_DEPTH = 32;

    private static Token firstTooDeep(List<Token> tokens) {
        int depth = 0;
        for (Token t : tokens) {
            if (t.getType() == DeployLexer.LBRACE || t.getType() == DeployLexer.LBRACK) {
                if (++depth > MAX_DEPTH) return t;
            } else if (t.getType() == DeployLexer.RBRACE || t.getType() == DeployLexer.RBRACK) {
                depth = Math.max(0, depth - 1);
            }
        }
        return null;
    }

    /** Reports bad characters and unclosed strings here, and hands the parser a clean token. */
    private static Token screen(Token t, String file, List<Diagnostic> out) {
        if (t.getType() == DeployLexer.UNEXPECTED_CHAR) {
            String text = t.getText();
            boolean printable = true;
            for (int i = 0; i < text.length(); i++) {
                printable &= text.charAt(i) >= 0x20 && text.charAt(i) != 0x7f;
            }
            String shown = printable ? "`" + text + "`" : String.format("U+%04X", text.codePointAt(0));
            out.add(Diagnostic.error(file, Tokens.span(t), "unexpected character " + shown)
                    .withHelp("comments start with `#`; text goes in double quotes"));
            return null;
        }
        if (t.getType() == DeployLexer.UNTERMINATED_STRING) {
            out.add(Diagnostic.error(file, Tokens.span(t), "this string is never closed")
                    .withHelp("close it with `\"` on the same line; write `\\n` for a line break"));
            CommonToken fixed = new CommonToken(t);
            fixed.setType(DeployLexer.STRING);
            fixed.setText(t.getText() + "\"");
            return fixed;
        }
        return t;
    }
}
