package dev.deployc.syntax;

import dev.deployc.diag.Span;
import org.antlr.v4.runtime.Token;

final class Tokens {

    private Tokens() {}

    static Span span(Token t) {
        int start = Math.max(t.getStartIndex(), 0);
        int end = Math.max(t.getStopIndex() + 1, start);
        return new Span(start, end, Math.max(t.getLine(), 1), t.getCharPositionInLine() + 1);
    }

    static Span span(Token first, Token last) {
        return span(first).to(span(last));
    }
}
