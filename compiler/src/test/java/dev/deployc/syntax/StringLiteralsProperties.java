package dev.deployc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class StringLiteralsProperties {

    @Property(tries = 2000)
    void quoteThenUnquoteIsIdentity(@ForAll String value) {
        StringLiterals.Result r = StringLiterals.unquote(StringLiterals.quote(value));
        assertTrue(r.problem().isEmpty(), () -> r.problem().toString());
        assertEquals(value, r.value());
    }
}
