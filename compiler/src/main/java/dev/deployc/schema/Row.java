package dev.deployc.schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The builder the schema tables write their rows with. */
final class Row {

    static Row key(String scope, String name, ValueType type) {
        return new Row(scope, name, type);
    }

    private final String scope;
    private final String name;
    private final ValueType type;
    private List<String> choices = List.of();
    private BigDecimal min;
    private BigDecimal max;
    private String defaultValue;
    private boolean required;
    private UnitMapping unit = UnitMapping.none();
    private String doc = "";

    Row(String scope, String name, ValueType type) {
        this.scope = scope;
        this.name = name;
        this.type = type;
    }

    Row choices(String... values) { choices = List.of(values); return this; }
    Row min(long v) { min = BigDecimal.valueOf(v); return this; }
    Row max(long v) { max = BigDecimal.valueOf(v); return this; }
    Row byDefault(String v) { defaultValue = v; return this; }
    Row required() { required = true; return this; }
    Row unit(String section, String key) { unit = new UnitMapping.Key(section, key); return this; }
    Row custom(String what) { unit = new UnitMapping.Custom(what); return this; }
    Row profile(List<String> lines) { unit = new UnitMapping.Profile("Service", lines); return this; }
    Row graded(UnitMapping.Graded g) { unit = g; return this; }
    Row doc(String text) { doc = text; return this; }

    KeyDef example(String text) {
        return new KeyDef(scope, name, type, choices, Optional.ofNullable(min), Optional.ofNullable(max),
                Optional.ofNullable(defaultValue), required, unit, doc, text);
    }
}
