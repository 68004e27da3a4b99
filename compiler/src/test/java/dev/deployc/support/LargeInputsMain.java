package dev.deployc.support;

import dev.deployc.Compiler;
import dev.deployc.diag.DiagnosticRenderer;
import dev.deployc.diag.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code bench/large}: compile (and render the diagnostics of) specs with one huge part, at
 * 250,000 to 2,000,000 characters, best of three each. Linear time shows as a ratio near 2 per
 * doubling; quadratic as 4.
 */
public final class LargeInputsMain {

    private LargeInputsMain() {}

    public static void main(String[] args) throws Exception {
        String sample = Files.readString(Path.of("samples/orders-api.deploy"));
        Map<String, IntFunction<String>> shapes = new LinkedHashMap<>();
        shapes.put("a key of n characters", n -> sample.replace("  stop_timeout = 20s", "  " + "k".repeat(n) + " = 20s"));
        shapes.put("a description of n characters", n -> sample.replace("Orders HTTP API", "a".repeat(n)));
        shapes.put("a string of n/2 bad `\\u` escapes", n -> sample.replace("Orders HTTP API", "\\u".repeat(n / 2)));
        shapes.put("n/2 lines of stray `}`", n -> sample + "}\n".repeat(n / 2));
        shapes.put("n/6 unknown keys", n -> sample.replace("  stop_timeout = 20s", "  k = 1\n".repeat(n / 8)));
        shapes.put("n/4 comment lines", n -> sample.replace("  stop_timeout = 20s", "  # c\n".repeat(n / 6) + "  stop_timeout = 20s"));
        shapes.put("a list of n/3 items", n -> sample.replace("\"--config\",", "\"x\",".repeat(n / 4) + "\"--config\","));
        int[] sizes = {250_000, 500_000, 1_000_000, 2_000_000};
        System.out.printf("%-36s %10s %10s %10s %10s   %s%n", "shape", "250k", "500k", "1M", "2M", "2M/1M");
        for (Map.Entry<String, IntFunction<String>> shape : shapes.entrySet()) {
            long[] ms = new long[sizes.length];
            for (int k = 0; k < sizes.length; k++) {
                String text = shape.getValue().apply(sizes[k]);
                long best = Long.MAX_VALUE;
                for (int run = 0; run < 3; run++) {
                    long t0 = System.nanoTime();
                    Compiler.Result r = new Compiler().compile(new Source("big.deploy", text), "big.deploy");
                    DiagnosticRenderer.render(r.diagnostics(), r.source());
                    best = Math.min(best, System.nanoTime() - t0);
                }
                ms[k] = best / 1_000_000;
            }
            System.out.printf("%-36s %7d ms %7d ms %7d ms %7d ms   %.1f%n", shape.getKey(), ms[0], ms[1], ms[2], ms[3],
                    ms[3] / (double) Math.max(1, ms[2]));
        }
    }
}
