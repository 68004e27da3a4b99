package dev.deployc.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.Compiler;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.support.Fuzz;
import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile input, in the normal test run: mutations, token splices and value swaps of every sample
 * and golden input. No exception escapes, every diagnostic points into the text, an accepted spec
 * survives fmt unchanged, and a sample of the accepted specs' units pass {@code systemd-analyze verify}.
 * The long run (a million inputs) is {@code bench/fuzz}; its figures are in BENCHMARKS.md.
 */
class FuzzProperties {

    private static final Fuzz FUZZ = new Fuzz();
    private static final List<Compiler.Result> ACCEPTED = Collections.synchronizedList(new ArrayList<>());
    /** How many accepted specs systemd itself reads (each is one systemd-analyze run). */
    private static final int VERIFIED = 12;

    @Property(tries = 10_000)
    void noHostileInputCrashesTheCompilerOrLosesAPosition(@ForAll long seed) {
        Fuzz.Input input = FUZZ.input(seed);
        Optional<String> broken = Fuzz.verdict(input, ACCEPTED);
        assertEquals(Optional.empty(), broken, () -> input.origin() + ":\n" + input.text());
    }

    @AfterContainer
    static void acceptedSpecsUnitsPassSystemd() throws Exception {
        SystemdAnalyze.requireInstalled();
        // The escape hatch (systemd_unit/_service/_socket/_install blocks) checks its keys against systemd's
        // directive list and escapes its values, but leaves the values' meaning to systemd by design, so a
        // mutated value there (`StandardOutput = "y"`) is systemd's to judge, not a deployc bug.
        java.util.regex.Pattern hatch = java.util.regex.Pattern.compile("\\bsystemd_(unit|service|socket|install)\\b");
        List<Compiler.Result> accepted = new ArrayList<>(ACCEPTED.stream()
                .filter(r -> !hatch.matcher(r.source().text()).find()).toList());
        assertTrue(accepted.size() >= VERIFIED, "too few fuzzed specs were accepted to sample: " + accepted.size());
        Path temp = Files.createTempDirectory("i11-fuzz-" + ProcessHandle.current().pid() + "-");
        try {
            int step = accepted.size() / VERIFIED;
            for (int k = 0; k < VERIFIED; k++) {
                Compiler.Result r = accepted.get(k * step);
                Map<String, String> units = new LinkedHashMap<>();
                for (GeneratedFile f : r.files()) {
                    if (f.path().contains("/systemd/")) units.put(f.path().substring(f.path().lastIndexOf('/') + 1), f.content());
                }
                if (units.isEmpty()) continue;
                SystemdAnalyze root = SystemdAnalyze.rootWith(temp.resolve("spec-" + k), units);
                Tools.Outcome o = root.verify(new ArrayList<>(units.keySet()));
                assertEquals(0, o.exitCode(), () -> "systemd-analyze verify refused a unit of an accepted spec:\n"
                        + o.output() + "\nspec:\n" + r.source().text());
            }
        } finally {
            dev.deployc.support.Trees.delete(temp);
        }
    }
}
