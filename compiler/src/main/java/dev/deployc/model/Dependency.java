package dev.deployc.model;

/** One dependency of a service, as the spec wrote it. */
public record Dependency(Kind kind, Reference target) {

    public enum Kind {
        AFTER("After"), WANTS("Wants"), REQUIRES("Requires"), BINDS_TO("BindsTo"), PART_OF("PartOf");

        private final String unitKey;

        Kind(String unitKey) {
            this.unitKey = unitKey;
        }

        public String unitKey() {
            return unitKey;
        }
    }
}
