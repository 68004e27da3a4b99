package dev.deployc.format;

import dev.deployc.diag.Diagnostic;
import dev.deployc.diag.Source;
import dev.deployc.syntax.SpecParser;
import dev.deployc.syntax.antlr.DeployLexer;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * Rewrites a spec into the one canonical layout: one entry per line, two-space indentation,
 * {@code key = value}, top-level blocks one blank line apart, at most one blank line kept
 * elsewhere, and every comment kept where it was (on its own line, or after an entry).
 * Lists stay on one line when they fit and hold no comment; otherwise one item per line.
 */
public final class Formatter {

    private static final int WIDTH = 100;
    private static final String INDENT = "  ";

    public record Result(Optional<String> formatted, List<Diagnostic> diagnostics) {}

    public Result format(Source source) {
        SpecParser.Result parsed = new SpecParser().parse(source);
        if (!parsed.ok()) {
            return new Result(Optional.empty(), parsed.diagnostics());
        }
        return new Result(Optional.of(formatParsed(parsed)), List.of());
    }

    /** The canonical layout of a spec that parsed without errors, from the tokens the parser kept. */
    public String formatParsed(SpecParser.Result parsed) {
        return new Printer(parsed.tokens().stream().filter(t -> t.getType() != Token.EOF).toList()).print();
    }

    /** Walks the tokens of a spec that parses, printing them in canonical layout. */
    private static final class Printer {
        private final List<Token> tokens;
        private final StringBuilder out = new StringBuilder();
        private int depth;
        private int i;
        private Token previous;
        private boolean blockJustOpened = true;

        Printer(List<Token> tokens) {
            this.tokens = tokens;
        }

        String print() {
            while (i < tokens.size()) {
                Token t = tokens.get(i);
                switch (t.getType()) {
                    case DeployLexer.COMMENT -> comment(t);
                    case DeployLexer.NAME -> entry(t);
                    case DeployLexer.RBRACE -> closeBlock(t);
                    default -> throw new IllegalStateException("unexpected token at entry position: " + t.getText());
                }
            }
            return out.length() == 0 ? "" : out.append('\n').toString();
        }

        private void comment(Token t) {
            if (previous != null && previous.getLine() == t.getLine() && previous.getType() != DeployLexer.COMMENT) {
                out.append(' ').append(t.getText().stripTrailing());
            } else {
                startLine(t);
                out.append(t.getText().stripTrailing());
            }
            previous = t;
            i++;
        }

        /**
         * A comment inside an entry (between its name, label, `{`, `=` and value) moves to its own
         * line above the entry, so no comment is lost and the entry itself reads on one line.
         */
        private void entry(Token name) {
            List<Token> inside = new java.util.ArrayList<>();
            int j = skipComments(i + 1, inside);
            Token label = null;
            if (tokens.get(j).getType() == DeployLexer.STRING) {
                label = tokens.get(j);
                j = skipComments(j + 1, inside);
            }
            Token opener = tokens.get(j);
            j++;
            if (opener.getType() != DeployLexer.LBRACE) {
                j = skipComments(j, inside);
            }
            startLine(name);
            for (Token c : inside) {
                out.append(c.getText().stripTrailing()).append('\n').append(INDENT.repeat(depth));
            }
            out.append(name.getText());
            if (label != null) {
                out.append(' ').append(label.getText());
            }
            i = j;
            if (opener.getType() == DeployLexer.LBRACE) {
                out.append(" {");
                previous = opener;
                depth++;
                blockJustOpened = true;
            } else {
                out.append(" = ");
                previous = opener;
                value();
                blockJustOpened = false;
            }
        }

        private int skipComments(int from, List<Token> into) {
            int k = from;
            while (k < tokens.size() && tokens.get(k).getType() == DeployLexer.COMMENT) {
                into.add(tokens.get(k++));
            }
            return k;
        }

        private void closeBlock(Token t) {
            depth--;
            if (previous != null && previous.getType() == DeployLexer.LBRACE) {
                out.append('}');
            } else {
                out.append('\n').append(INDENT.repeat(depth)).append('}');
            }
            previous = t;
            i++;
            blockJustOpened = false;
        }

        private void value() {
            Token t = tokens.get(i);
            if (t.getType() != DeployLexer.LBRACK) {
                out.append(t.getText());
                previous = t;
                i++;
                return;
            }
            int end = matchingBracket(i);
            List<Token> list = tokens.subList(i, end + 1);
            String inline = inline(list);
            boolean hasComment = list.stream().anyMatch(x -> x.getType() == DeployLexer.COMMENT);
            if (!hasComment && currentColumn() + inline.length() <= WIDTH) {
                out.append(inline);
                previous = tokens.get(end);
                i = end + 1;
            } else {
                multiline(end);
            }
        }

        /** One item per line; a comment stays after the item it followed, or on its own line. */
        private void multiline(int end) {
            out.append('[');
            depth++;
            previous = tokens.get(i);
            i++;
            while (i < end) {
                Token t = tokens.get(i);
                if (t.getType() == DeployLexer.COMMENT) {
                    comment(t);
                } else if (t.getType() == DeployLexer.COMMA) {
                    i++;
                } else {
                    startLine(t);
                    value();
                    out.append(',');
                }
            }
            depth--;
            out.append('\n').append(INDENT.repeat(depth)).append(']');
            previous = tokens.get(end);
            i = end + 1;
        }

        private static String inline(List<Token> list) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < list.size(); k++) {
                Token t = list.get(k);
                switch (t.getType()) {
                    case DeployLexer.COMMA -> {
                        if (k + 1 < list.size() && list.get(k + 1).getType() != DeployLexer.RBRACK) b.append(", ");
                    }
                    default -> b.append(t.getText());
                }
            }
            return b.toString();
        }

        private int matchingBracket(int from) {
            int level = 0;
            for (int k = from; k < tokens.size(); k++) {
                int type = tokens.get(k).getType();
                if (type == DeployLexer.LBRACK) level++;
                if (type == DeployLexer.RBRACK && --level == 0) return k;
            }
            throw new IllegalStateException("unbalanced list");
        }

        private void startLine(Token t) {
            if (out.length() > 0) {
                out.append('\n');
                boolean topLevelBlock = depth == 0 && previous != null && previous.getType() == DeployLexer.RBRACE;
                boolean gap = previous != null && t.getLine() - previous.getLine() > 1;
                if (!blockJustOpened && (gap || topLevelBlock) && previous.getType() != DeployLexer.LBRACK) {
                    out.append('\n');
                }
            }
            out.append(INDENT.repeat(depth));
            blockJustOpened = false;
        }

        private int currentColumn() {
            return out.length() - (out.lastIndexOf("\n") + 1);
        }
    }
}
