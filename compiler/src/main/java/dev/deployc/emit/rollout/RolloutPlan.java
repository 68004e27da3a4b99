package dev.deployc.emit.rollout;

import dev.deployc.model.Canary;
import dev.deployc.model.Service;
import dev.deployc.model.Spec;
import dev.deployc.model.Waves;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A canary as a reviewer reads it in the pull request: every step, every wave's exact hosts. Both
 * rollout targets (the script and the Ansible playbook) read this one resolved plan.
 */
public final class RolloutPlan {

    /**
     * One step of the plan in order: its 1-based number, what it does, and the wave that precedes it
     * (0 before the first wave; a weight step's own wave for a weight step).
     */
    public record Stage(int number, Canary.Step step, int wave) {}

    /** One step: its one-line summary and the engine calls that carry it out. */
    record Step(String summary, List<List<String>> calls) {}

    private static final int WIDTH = 100;
    private static final String CONTINUED = "          ";

    private final Spec spec;
    private final Service service;
    private final Canary canary;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    RolloutPlan(Spec spec, Service service, Canary canary) {
        this.spec = spec;
        this.service = service;
        this.canary = canary;
        build();
    }

    public static RolloutPlan of(Spec spec, Service service) {
        return new RolloutPlan(spec, service, service.canary().orElseThrow());
    }

    List<Step> steps() {
        return steps;
    }

    /** The plan as text, one line each, as the script's header shows it. */
    public List<String> lines() {
        return lines;
    }

    public List<String> hosts() {
        return canary.hosts();
    }

    public List<Canary.Wave> waves() {
        return canary.waves();
    }

    /** Every step in order, with the wave it follows. */
    public List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        int wave = 0;
        int number = 0;
        for (Canary.Step step : canary.steps()) {
            if (step instanceof Canary.SetWeight) wave++;
            stages.add(new Stage(++number, step, wave));
        }
        return stages;
    }

    public static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private void build() {
        int fleet = canary.hosts().size();
        lines.add("Plan: " + fleet + (fleet == 1 ? " host" : " hosts")
                + (canary.inventory().isPresent() ? ", from the inventory " + canary.inventory().get() : ", as the spec lists them") + ":");
        wrap("", canary.hosts(), "  ");
        lines.add("");
        List<Canary.Wave> waves = canary.waves();
        int waveIndex = 0;
        int number = 0;
        for (Canary.Step step : canary.steps()) {
            number++;
            // Padded by hand: java.util.Formatter's first use costs a cold run several milliseconds.
            String head = "  step " + number + " ".repeat(Math.max(0, 3 - String.valueOf(number).length()));
            if (step instanceof Canary.SetWeight) {
                Canary.Wave wave = waves.get(waveIndex++);
                int added = wave.hosts().size();
                wrap(head + "wave " + wave.number() + " of " + waves.size() + ": " + added + (waveIndex > 1 ? " more" : "")
                        + (added == 1 ? " host" : " hosts") + " (" + Waves.rounding(wave.weight(), fleet) + "):", wave.hosts(), CONTINUED);
                steps.add(new Step("wave " + wave.number() + " of " + waves.size() + " (" + wave.reached() + " of " + fleet + " hosts)",
                        List.of(List.of("wave", String.valueOf(wave.number())))));
            } else if (step instanceof Canary.Bake b) {
                add(head + "bake " + duration(b.duration()) + ": the health of every switched host probed every " + probeInterval(),
                        "bake " + duration(b.duration()), List.of(List.of("bake", String.valueOf(seconds(b.duration())))));
            } else if (step instanceof Canary.Approve a) {
                add(head + "approve: stop until `resume` (or `abort`): " + a.message(),
                        "approve: " + a.message(), List.of(List.of("approve", a.message())));
            } else {
                gates(head, (Canary.Gates) step);
            }
        }
        lines.add("");
        lines.add("Each wave, at most " + canary.parallel() + (canary.parallel() == 1 ? " host" : " hosts") + " at once:");
        lines.add("  switch   `current` -> releases/<version>; units reinstalled, daemon-reload when they changed");
        lines.add(service.perConnection() ? "  restart  none: each new connection starts the new binary"
                : "  restart  " + service.unitName() + (service.sockets().isEmpty() ? "" : " (never its sockets: connections queue)"));
        lines.add("  healthy  for " + duration(canary.healthyFor()) + " without a break, within " + duration(canary.healthyDeadline())
                + ": " + health());
        lines.add(canary.onFailure().equals("rollback")
                ? "On failure: every switched host goes back to its previous release; exit 1."
                : "On failure: the rollout pauses (exit 3); `resume` retries the step, `abort` rolls back.");
        lines.add("First deploy (no host has a release yet): every host in one wave, steps skipped.");
        List<String> plain = new ArrayList<>();
        for (Service s : spec.services()) {
            if (s != service && s.canary().isEmpty()) plain.add(s.name());
        }
        if (!plain.isEmpty()) {
            wrap("Then the services without a canary, on every host at once, health-gated the same way:", plain, "  ");
        }
        lines.add("Before `done`, every host is checked again: every service runs the release and is healthy.");
        lines.add("Exit codes: 0 done, 1 failed and rolled back, 2 refused, 3 paused, 4 rollback incomplete, 5 state not saved.");
    }

    private void gates(String head, Canary.Gates gates) {
        List<List<String>> calls = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String indent = head;
        for (Canary.Check check : gates.checks()) {
            names.add(check.name());
            String measure = check.count() + (check.count() == 1 ? " measurement" : " measurements")
                    + (check.count() > 1 ? " " + duration(check.interval()) + " apart" : "")
                    + ", " + check.failures() + " may fail";
            if (check.gate() instanceof Canary.HttpGate h) {
                lines.add(indent + "check `" + check.name() + "`: " + h.url() + " answers 2xx on every switched host; " + measure);
                calls.add(List.of("gate_http", check.name(), h.url(), String.valueOf(seconds(check.interval())),
                        String.valueOf(check.count()), String.valueOf(check.failures())));
            } else {
                Canary.QueryGate q = (Canary.QueryGate) check.gate();
                lines.add(indent + "check `" + check.name() + "`: Prometheus " + bounds(q) + "; " + measure + "; no data: " + q.noData());
                lines.add("           " + q.query());
                calls.add(List.of("gate_query", check.name(), q.query(), plain(q.min()), plain(q.max()), String.valueOf(seconds(check.interval())),
                        String.valueOf(check.count()), String.valueOf(check.failures()), q.noData()));
            }
            indent = CONTINUED;
        }
        steps.add(new Step("check " + String.join(", ", names), calls));
    }

    /** {@code first} followed by {@code words}, wrapped at about 100 columns; later lines start with {@code indent}. */
    private void wrap(String first, List<String> words, String indent) {
        StringBuilder line = new StringBuilder(first);
        for (String word : words) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > indent.length() && !line.toString().isBlank()) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            } else if (line.length() > 0 && !line.toString().equals(indent)) {
                line.append(' ');
            } else if (line.length() == 0) {
                line.append(indent);
            }
            line.append(word);
        }
        lines.add(line.toString());
    }

    private void add(String line, String summary, List<List<String>> calls) {
        lines.add(line);
        steps.add(new Step(summary, calls));
    }

    private static String bounds(Canary.QueryGate q) {
        if (q.min().isPresent() && q.max().isPresent()) {
            return "value within " + q.min().get().toPlainString() + ".." + q.max().get().toPlainString();
        }
        if (q.max().isPresent()) return "value <= " + q.max().get().toPlainString();
        return "value >= " + q.min().orElseThrow().toPlainString();
    }

    private static String plain(Optional<BigDecimal> bound) {
        return bound.isPresent() ? bound.get().toPlainString() : "";
    }

    private String probeInterval() {
        return service.health().isPresent() ? duration(service.health().get().interval()) : "10s";
    }

    private String health() {
        List<String> probe = RolloutEmitter.health(service);
        return String.join(", ", RolloutEmitter.watched(spec, service)) + " active"
                + (probe.get(0).equals("none") ? " (no `health` block, so no probe)" : ", probe " + String.join(" ", probe));
    }

    public static String duration(Duration d) {
        long s = seconds(d);
        if (s % 3600 == 0) return s / 3600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }
}
