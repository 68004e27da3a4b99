package dev.deployc.check;

import dev.deployc.diag.Span;
import dev.deployc.model.Weight;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A canary must really roll out: weights that grow to all hosts, gates that can decide. */
final class CanaryRules {

    private static final Pattern HOST = Pattern.compile("([a-z_][a-z0-9_.-]*@)?[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?");
    private static final List<String> STEP_ACTIONS = List.of("weight", "bake", "approve");

    private final Findings findings;

    CanaryRules(Findings findings) {
        this.findings = findings;
    }

    void check(Section canary) {
        List<String> hosts = canary.valueOr("hosts", List.of());
        hostSource(canary, hosts);
        List<Section> steps = canary.children("step");
        for (Section step : steps) {
            stepShape(step);
            step.children("check").forEach(c -> check(canary, c));
        }
        weights(canary, steps, hosts);
    }

    private void hostSource(Section canary, List<String> hosts) {
        Optional<Section.Setting> list = canary.setting("hosts");
        Optional<Section.Setting> inventory = canary.setting("inventory");
        if (list.isPresent() && inventory.isPresent()) {
            findings.add(findings.error(inventory.get().attribute().nameSpan(), "`canary` takes `hosts` or `inventory`, not both")
                    .withRelated("`hosts` is set here", list.get().attribute().nameSpan()));
        } else if (list.isEmpty() && inventory.isEmpty() && !canary.broken().contains("hosts") && !canary.broken().contains("inventory")) {
            findings.error(canary.span(), "`canary` does not say which hosts it rolls over",
                    "add `hosts = [\"web-1\", \"web-2\"]` or `inventory = \"hosts.txt\"`");
        }
        list.ifPresent(l -> {
            if (hosts.isEmpty()) findings.error(l.span(), "`hosts` is empty", null);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String h : hosts) {
                if (!HOST.matcher(h).matches()) {
                    findings.error(l.span(), "`" + h + "` is not a host name or address", "hosts are names like \"web-1.example.com\" or \"deploy@10.0.0.5\"");
                } else if (!seen.add(h)) {
                    findings.error(l.span(), "host `" + h + "` is listed twice", null);
                }
            }
        });
        inventory.ifPresent(i -> {
            String path = (String) i.value();
            if (path.isEmpty() || path.startsWith("/") || path.startsWith("-")) {
                findings.error(i.span(), "`inventory` must be a path relative to the spec", null);
            }
        });
    }

    private void stepShape(Section step) {
        long actions = STEP_ACTIONS.stream().filter(k -> step.setting(k).isPresent() || step.broken().contains(k)).count()
                + (step.children("check").isEmpty() ? 0 : 1);
        if (actions == 0) {
            findings.error(step.span(), "this step does nothing",
                    "give it one of `weight = 25%`, `bake = 10m`, `approve = \"…\"` or `check \"name\" { … }`");
        } else if (actions > 1) {
            findings.error(step.span(), "a step does exactly one thing",
                    "split it into several steps: `step { weight = 25% }  step { bake = 10m }`");
        }
    }

    private void check(Section canary, Section check) {
        Optional<Section.Setting> http = check.setting("http");
        Optional<Section.Setting> query = check.setting("query");
        if (http.isPresent() && query.isPresent()) {
            findings.add(findings.error(query.get().attribute().nameSpan(), "check `" + check.label() + "` has both `http` and `query`")
                    .withRelated("`http` is set here", http.get().attribute().nameSpan()).withHelp("split it into two checks"));
        } else if (http.isEmpty() && query.isEmpty() && !check.broken().contains("http") && !check.broken().contains("query")) {
            findings.error(check.span(), "check `" + check.label() + "` measures nothing", "add `http = \"…\"` or `query = \"…\"`");
        }
        Optional<Section.Setting> noData = check.setting("no_data");
        if (query.isPresent() && http.isEmpty()) {
            if (noData.isEmpty() && !check.broken().contains("no_data")) {
                findings.error(query.get().attribute().nameSpan(), "check `" + check.label() + "` must say what an empty result means",
                        "add `no_data = fail`, `no_data = pass` or `no_data = pause`: queries return nothing when there is no traffic");
            }
            if (check.setting("min").isEmpty() && check.setting("max").isEmpty() && !check.broken().contains("min") && !check.broken().contains("max")) {
                findings.error(query.get().attribute().nameSpan(), "check `" + check.label() + "` has no bound to hold",
                        "add `max = …` or `min = …`");
            }
            if (canary.setting("prometheus").isEmpty() && !canary.broken().contains("prometheus")) {
                findings.error(query.get().attribute().nameSpan(), "check `" + check.label() + "` queries Prometheus, but `canary` has no `prometheus`",
                        "add `prometheus = \"http://127.0.0.1:9090\"` to the `canary` block");
            }
        } else if (http.isPresent()) {
            for (String k : List.of("no_data", "min", "max")) {
                check.setting(k).ifPresent(s -> findings.error(s.attribute().nameSpan(), "`" + k + "` only applies to `query` checks", null));
            }
        }
        Optional<BigDecimal> min = check.value("min");
        Optional<BigDecimal> max = check.value("max");
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) >= 0) {
            findings.add(findings.error(check.setting("min").orElseThrow().span(), "`min` is not below `max`")
                    .withRelated("`max` is set here", check.setting("max").orElseThrow().span()));
        }
        Optional<Long> count = check.value("count");
        Optional<Long> failures = check.value("failures");
        if (count.isPresent() && failures.isPresent() && failures.get() >= count.get()) {
            Span at = check.setting("failures").or(() -> check.setting("count")).map(Section.Setting::span).orElse(check.span());
            findings.error(at, "`failures` must be fewer than `count` (" + count.get() + ")",
                    "with as many allowed failures as measurements the check can never fail");
        }
    }

    private void weights(Section canary, List<Section> steps, List<String> hosts) {
        Section.Setting previous = null;
        Section.Setting all = null;
        boolean first = true;
        for (Section step : steps) {
            Optional<Section.Setting> weight = step.setting("weight");
            if (first && weight.isEmpty() && !step.broken().contains("weight")) {
                findings.error(step.span(), "the first step must set a `weight`",
                        "a canary starts by moving some hosts: `step { weight = 10% }`");
            }
            first = false;
            if (weight.isEmpty()) continue;
            Weight w = (Weight) weight.get().value();
            if (w instanceof Weight.Hosts h && canary.setting("hosts").isPresent() && h.count() > hosts.size()) {
                findings.error(weight.get().span(), "weight " + w + " is more than the " + hosts.size() + " hosts listed", null);
            }
            if (all != null) {
                findings.add(findings.error(weight.get().span(), "no weight can follow one that covers every host")
                        .withRelated("every host is covered here", all.span()).withHelp("all hosts must be the last weight"));
            } else if (previous != null && !increases((Weight) previous.value(), w)) {
                findings.add(findings.error(weight.get().span(), "weight " + w + " does not increase on " + previous.value())
                        .withRelated("the previous weight", previous.span()).withHelp("weights are cumulative and must strictly increase"));
            }
            if (coversAll(w, canary, hosts) && all == null) all = weight.get();
            previous = weight.get();
        }
        if (previous != null && all == null) {
            findings.error(previous.span(), "the rollout never reaches every host",
                    "end with `step { weight = 100% }`");
        } else if (previous == null && !steps.isEmpty() && steps.stream().noneMatch(s -> s.broken().contains("weight"))) {
            findings.error(canary.span(), "`canary` has no `weight` step", "add `step { weight = 100% }`");
        } else if (steps.isEmpty()) {
            findings.error(canary.span(), "`canary` has no steps", "add `step { weight = 10% }` … `step { weight = 100% }`");
        }
    }

    private static boolean increases(Weight before, Weight after) {
        if (before instanceof Weight.Percent a && after instanceof Weight.Percent b) {
            return b.percent().compareTo(a.percent()) > 0;
        }
        if (before instanceof Weight.Hosts a && after instanceof Weight.Hosts b) {
            return b.count() > a.count();
        }
        return true;
    }

    private static boolean coversAll(Weight w, Section canary, List<String> hosts) {
        return w instanceof Weight.Percent p ? p.isAll()
                : canary.setting("hosts").isPresent() && ((Weight.Hosts) w).count() >= hosts.size();
    }
}
