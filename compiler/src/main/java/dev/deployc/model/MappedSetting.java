package dev.deployc.model;

import dev.deployc.schema.KeyDef;

/** A value (given or defaulted) of a key whose table row says where it goes in a unit. */
public record MappedSetting(KeyDef key, Object value) {}
