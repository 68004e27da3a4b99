package dev.deployc.schema;

import java.util.List;

/** Where a key lands in a systemd unit. */
public sealed interface UnitMapping {

    /** Not written to a unit by the key itself (used by other artifacts or by the compiler's logic). */
    record None() implements UnitMapping {}

    /** The value, formatted by its type, becomes {@code [section] key=value}. */
    record Key(String section, String key) implements UnitMapping {}

    /** A hardening switch: these lines are written while it is {@code true}, the default. */
    record Profile(String section, List<String> lines) implements UnitMapping {}

    /** A sandbox level: the lines written for each choice of an enum key (none for the loosest). */
    record Graded(String section, java.util.Map<String, List<String>> lines) implements UnitMapping {}

    /** Handled by a dedicated emitter step (ExecStart, Environment, dependencies, listeners). */
    record Custom(String description) implements UnitMapping {}

    static UnitMapping none() {
        return new None();
    }
}
