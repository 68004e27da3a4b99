package dev.deployc.model;

import java.math.BigDecimal;

/** A canary step's share of the fleet: a percentage or an exact host count. */
public sealed interface Weight {

    record Percent(BigDecimal percent) implements Weight {
        public boolean isAll() {
            return percent.compareTo(BigDecimal.valueOf(100)) == 0;
        }

        @Override
        public String toString() {
            return percent.stripTrailingZeros().toPlainString() + "%";
        }
    }

    record Hosts(long count) implements Weight {
        @Override
        public String toString() {
            return count + (count == 1 ? " host" : " hosts");
        }
    }
}
