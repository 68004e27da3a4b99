package dev.deployc.model;

/** A dependency as written in {@code after}, {@code requires}, … */
public sealed interface Reference {

    /** Another service of the same spec. */
    record Service(String name) implements Reference {}

    /** A socket of the service that names it; {@code label} is empty for the main socket. */
    record Socket(String label) implements Reference {}

    /** A well-known systemd target such as {@code network-online}. */
    record Target(String name) implements Reference {}

    /** A unit outside the spec, by its full unit name. */
    record Unit(String unitName) implements Reference {}
}
