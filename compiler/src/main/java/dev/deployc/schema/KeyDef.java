package dev.deployc.schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One row of the language: a key, where it may appear, its type, range, default, the unit key it
 * maps to and its documentation.
 *
 * @param scope        the block path it belongs to, such as {@code service.limits}
 * @param defaultValue the default as the reader would write it in a spec, or empty
 */
public record KeyDef(
        String scope,
        String name,
        ValueType type,
        List<String> choices,
        Optional<BigDecimal> min,
        Optional<BigDecimal> max,
        Optional<String> defaultValue,
        boolean required,
        UnitMapping unit,
        String doc,
        String example) {

    public KeyDef {
        choices = List.copyOf(choices);
    }

    public String path() {
        return scope + "." + name;
    }
}
