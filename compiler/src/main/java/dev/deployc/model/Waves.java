package dev.deployc.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a canary's cumulative weights into host counts, at compile time, so the plan shows exact
 * hosts. A percentage rounds down (a wave never holds more hosts than its weight says) but moves
 * at least one host; an exact count is taken as is, capped at the fleet.
 */
public final class Waves {

    private Waves() {}

    public static int count(Weight weight, int fleet) {
        if (weight instanceof Weight.Hosts h) {
            return (int) Math.min(h.count(), fleet);
        }
        BigDecimal exact = exact((Weight.Percent) weight, fleet);
        return Math.max(1, exact.setScale(0, RoundingMode.FLOOR).intValueExact());
    }

    /** How a weight became its count, for diagnostics and the plan: "20% of 6 hosts = 1.2, rounded down to 1". */
    public static String rounding(Weight weight, int fleet) {
        int count = count(weight, fleet);
        String hosts = fleet == 1 ? " host" : " hosts";
        if (weight instanceof Weight.Hosts) {
            return weight + " of " + fleet;
        }
        BigDecimal exact = exact((Weight.Percent) weight, fleet).stripTrailingZeros();
        String base = weight + " of " + fleet + hosts + " = " + exact.toPlainString();
        if (exact.compareTo(BigDecimal.valueOf(count)) == 0) return base;
        return base + (exact.compareTo(BigDecimal.ONE) < 0 ? ", raised to the minimum of 1" : ", rounded down to " + count);
    }

    /** The waves of a rollout: each weight step adds the hosts between the previous count and its own. */
    public static List<Canary.Wave> of(List<Canary.Step> steps, List<String> hosts) {
        List<Canary.Wave> waves = new ArrayList<>();
        int reached = 0;
        for (Canary.Step step : steps) {
            if (step instanceof Canary.SetWeight w) {
                int count = count(w.weight(), hosts.size());
                waves.add(new Canary.Wave(waves.size() + 1, w.weight(), hosts.subList(reached, count), count));
                reached = count;
            }
        }
        return waves;
    }

    private static BigDecimal exact(Weight.Percent percent, int fleet) {
        return percent.percent().multiply(BigDecimal.valueOf(fleet)).divide(BigDecimal.valueOf(100));
    }
}
