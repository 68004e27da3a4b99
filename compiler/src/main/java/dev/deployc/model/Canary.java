package dev.deployc.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A service's rollout over its fleet. {@code hosts} is resolved at compile time (from the spec or
 * its inventory file), so {@code waves} name exact hosts.
 */
public record Canary(
        List<String> hosts, Optional<String> inventory, long parallel, String onFailure,
        Duration healthyFor, Duration healthyDeadline, Optional<String> prometheus, List<Step> steps, String emit) {

    public Canary {
        hosts = List.copyOf(hosts);
        steps = List.copyOf(steps);
    }

    /** Whether the rollout script is generated ({@code emit = script} or {@code both}). */
    public boolean emitsScript() {
        return !emit.equals("playbook");
    }

    /** Whether the Ansible playbook is generated ({@code emit = playbook} or {@code both}). */
    public boolean emitsPlaybook() {
        return !emit.equals("script");
    }

    public List<Wave> waves() {
        return Waves.of(steps, hosts);
    }

    /** The hosts one weight step switches, and how many hosts are on the new release after it. */
    public record Wave(int number, Weight weight, List<String> hosts, int reached) {
        public Wave {
            hosts = List.copyOf(hosts);
        }
    }

    public sealed interface Step {}

    public record SetWeight(Weight weight) implements Step {}

    public record Bake(Duration duration) implements Step {}

    public record Approve(String message) implements Step {}

    public record Gates(List<Check> checks) implements Step {
        public Gates {
            checks = List.copyOf(checks);
        }
    }

    public record Check(String name, Gate gate, Duration interval, long count, long failures) {}

    public sealed interface Gate {}

    public record HttpGate(String url) implements Gate {}

    public record QueryGate(String query, Optional<BigDecimal> min, Optional<BigDecimal> max, String noData)
            implements Gate {}
}
