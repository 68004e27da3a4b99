package dev.deployc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class StringLiteralsProperties {

    @Property(tries = 2000)
    void quoteThenUnquoteIsIdentity(@ForAll String value) {
        StringLiterals.Result r = StringLiterals.unquote(quote(value));
        assertTrue(r.problem().isEmpty(), () -> r.problem().toString());
        assertEquals(value, r.value());
    }

    /** Quotes a value as the language reference describes string escapes, independently of the lexer. */
    private static String quote(String value) {
        StringBuilder b = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        b.append("\\u{").append(Integer.toHexString(cp)).append('}');
                    } else {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        return b.append('"').toString();
    }
}
