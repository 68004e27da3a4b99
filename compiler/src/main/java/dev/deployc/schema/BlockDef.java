package dev.deployc.schema;

import java.util.Optional;

/**
 * One kind of block. {@code openKeys} is present for blocks whose keys are the user's own
 * (environment variables, sysctl names): every key there has that type.
 */
public record BlockDef(
        String parent,
        String name,
        Label label,
        boolean repeatable,
        boolean required,
        Optional<ValueType> openKeys,
        String doc,
        String example) {

    public enum Label { NONE, REQUIRED, OPTIONAL }

    public String path() {
        return parent.isEmpty() ? name : parent + "." + name;
    }
}
