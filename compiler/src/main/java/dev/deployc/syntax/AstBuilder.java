package dev.deployc.syntax;

import dev.deployc.diag.Diagnostic;
import dev.deployc.diag.Span;
import dev.deployc.syntax.antlr.DeployParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Builds the immutable {@link Ast} from ANTLR's parse tree; it constructs nodes and nothing else. */
final class AstBuilder {

    private final String file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    AstBuilder(String file) {
        this.file = file;
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    Ast.Document document(DeployParser.DocumentContext ctx) {
        return new Ast.Document(entries(ctx.entry()));
    }

    private List<Ast.Entry> entries(List<DeployParser.EntryContext> contexts) {
        List<Ast.Entry> out = new ArrayList<>();
        for (DeployParser.EntryContext e : contexts) {
            Ast.Entry entry = entry(e);
            if (entry != null) {
                out.add(entry);
            }
        }
        return out;
    }

    private Ast.Entry entry(DeployParser.EntryContext ctx) {
        if (ctx instanceof DeployParser.BlockContext b && usable(b.name)) {
            Optional<Ast.Label> label = usable(b.label)
                    ? Optional.of(new Ast.Label(text(b.label), Tokens.span(b.label))) : Optional.empty();
            return new Ast.Block(b.name.getText(), Tokens.span(b.name), label, entries(b.entry()), span(b));
        }
        if (ctx instanceof DeployParser.AttributeContext a && usable(a.name) && a.value() != null) {
            Ast.Value value = value(a.value());
            return value == null ? null : new Ast.Attribute(a.name.getText(), Tokens.span(a.name), value, span(a));
        }
        return null;
    }

    private Ast.Value value(DeployParser.ValueContext ctx) {
        if (ctx.getStart() == null || ctx.getStart().getType() == Token.EOF) {
            return null;
        }
        Span span = span(ctx);
        if (ctx instanceof DeployParser.StringValueContext s && usable(s.STRING().getSymbol())) {
            return new Ast.Text(text(s.STRING().getSymbol()), span);
        }
        if (ctx instanceof DeployParser.NumberValueContext n && usable(n.NUMBER().getSymbol())) {
            String source = n.NUMBER().getText();
            return new Ast.Number(new BigDecimal(source), source, span);
        }
        if (ctx instanceof DeployParser.QuantityValueContext q && usable(q.QUANTITY().getSymbol())) {
            String source = q.QUANTITY().getText();
            int unitAt = firstUnitChar(source);
            return new Ast.Quantity(new BigDecimal(source.substring(0, unitAt)), source.substring(unitAt), source, span);
        }
        if (ctx instanceof DeployParser.WordValueContext w && usable(w.NAME().getSymbol())) {
            return new Ast.Word(w.NAME().getText(), span);
        }
        if (ctx instanceof DeployParser.ListValueContext l) {
            List<Ast.Value> items = new ArrayList<>();
            for (DeployParser.ValueContext item : l.value()) {
                Ast.Value v = value(item);
                if (v != null) {
                    items.add(v);
                }
            }
            return new Ast.ListOf(items, span);
        }
        return null;
    }

    private static int firstUnitChar(String quantity) {
        int i = quantity.startsWith("-") ? 1 : 0;
        while (i < quantity.length() && (Character.isDigit(quantity.charAt(i)) || quantity.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private String text(Token literal) {
        StringLiterals.Result r = StringLiterals.unquote(literal.getText());
        if (r.problem().isPresent()) {
            StringLiterals.Problem p = r.problem().get();
            Span s = Tokens.span(literal);
            Span at = new Span(s.start() + 1 + p.offset(), s.start() + 1 + p.offset() + p.length(),
                    s.line(), s.column() + 1 + p.offset());
            diagnostics.add(Diagnostic.error(file, at, p.message()).withHelp(p.help()));
        }
        return r.value();
    }

    private static boolean usable(Token t) {
        return t != null && t.getTokenIndex() >= 0 && t.getStartIndex() >= 0 && t.getStopIndex() >= t.getStartIndex();
    }

    private static Span span(ParserRuleContext ctx) {
        Token stop = ctx.getStop() != null && ctx.getStop().getStopIndex() >= ctx.getStart().getStartIndex()
                ? ctx.getStop() : ctx.getStart();
        return Tokens.span(ctx.getStart(), stop);
    }
}
