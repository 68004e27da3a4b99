package dev.deployc.realsystemd;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** systemd time spans ("45s", "1min 30s", "90", "infinity") in whole seconds, rounded up. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(us|ms|s|sec|m|min|h|hr|d)?");
    private static final Map<String, Double> UNIT = Map.of("us", 1e-6, "ms", 1e-3, "s", 1.0, "sec", 1.0, "m", 60.0,
            "min", 60.0, "h", 3600.0, "hr", 3600.0, "d", 86400.0);

    private Durations() {}

    static long seconds(String span) {
        if (span.equals("infinity") || span.equals("0")) return Long.MAX_VALUE / 1000;
        double total = 0;
        Matcher m = PART.matcher(span);
        while (m.find()) total += Long.parseLong(m.group(1)) * UNIT.get(m.group(2) == null ? "s" : m.group(2));
        return (long) Math.ceil(total);
    }
}
