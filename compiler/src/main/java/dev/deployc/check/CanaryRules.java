package dev.deployc.check;

import dev.deployc.diag.Span;
import dev.deployc.model.Waves;
import dev.deployc.model.Weight;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A canary must really roll out: weights that grow to all hosts, gates that can decide. */
final class CanaryRules {

    private static final Pattern HOST = Pattern.compile("([a-z_][a-z0-9_.-]*@)?[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?");
    private static final List<String> STEP_ACTIONS = List.of("weight", "bake", "approve");

    private final Findings findings;
    private final NearbyFiles nearby;
    private final Map<String, List<String>> inventories;

    /** {@code inventories} receives the hosts of every inventory file read, by the path the spec gives. */
    CanaryRules(Findings findings, NearbyFiles nearby, Map<String, List<String>> inventories) {
        this.findings = findings;
        this.nearby = nearby;
        this.inventories = inventories;
    }

    void check(String project, Section service, Section canary) {
        Optional<List<String>> hosts = hostSource(canary);
        List<Section> steps = canary.children("step");
        for (Section step : steps) {
            stepShape(step);
            for (Section c : step.children("check")) {
                check(canary, c);
            }
        }
        weights(canary, steps, hosts);
        if (hosts.isPresent()) resolvedCounts(steps, hosts.get());
        healthTiming(canary);
        releaseLayout(project, service, canary);
    }

    /** The fleet, when the spec names it in a way that can be read; empty when it cannot. */
    private Optional<List<String>> hostSource(Section canary) {
        Optional<Section.Setting> list = canary.setting("hosts");
        Optional<Section.Setting> inventory = canary.setting("inventory");
        if (list.isPresent() && inventory.isPresent()) {
            findings.add(findings.error(inventory.get().attribute().nameSpan(), "`canary` takes `hosts` or `inventory`, not both")
                    .withRelated("`hosts` is set here", list.get().attribute().nameSpan()));
            return Optional.empty();
        }
        if (list.isEmpty() && inventory.isEmpty()) {
            if (!canary.broken().contains("hosts") && !canary.broken().contains("inventory")) {
                findings.error(canary.span(), "`canary` does not say which hosts it rolls over",
                        "add `hosts = [\"web-1\", \"web-2\"]` or `inventory = \"hosts.txt\"`");
            }
            return Optional.empty();
        }
        if (list.isPresent()) {
            List<String> hosts = canary.valueOr("hosts", List.of());
            if (hosts.isEmpty()) findings.error(list.get().span(), "`hosts` is empty", null);
            boolean ok = !hosts.isEmpty();
            Set<String> seen = new HashSet<>();
            for (String h : hosts) {
                ok &= hostName(list.get().span(), h, "", seen);
            }
            return ok ? Optional.of(hosts) : Optional.empty();
        }
        return inventory(inventory.get());
    }

    private boolean hostName(Span at, String host, String where, Set<String> seen) {
        if (!HOST.matcher(host).matches()) {
            findings.error(at, where + "`" + host + "` is not a host name or address",
                    "hosts are names like \"web-1.example.com\" or \"deploy@10.0.0.5\"");
            return false;
        }
        if (!seen.add(host)) {
            findings.error(at, where + "host `" + host + "` is listed twice", null);
            return false;
        }
        return true;
    }

    private Optional<List<String>> inventory(Section.Setting setting) {
        String path = (String) setting.value();
        if (path.isEmpty() || path.startsWith("/") || path.startsWith("-")) {
            findings.error(setting.span(), "`inventory` must be a path relative to the spec", null);
            return Optional.empty();
        }
        String text;
        try {
            text = nearby.read(path);
        } catch (NoSuchFileException e) {
            findings.error(setting.span(), "inventory `" + path + "` does not exist", "create it next to the spec, one host per line");
            return Optional.empty();
        } catch (NearbyFiles.Refused e) {
            findings.error(setting.span(), "inventory `" + path + "` " + e.getMessage(),
                    "an inventory is a text file of host names, one per line, in the spec's repository");
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            findings.error(setting.span(), "inventory `" + path + "` cannot be read: " + e.getMessage(), null);
            return Optional.empty();
        }
        List<String> hosts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String host = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (host.isEmpty()) continue;
            ok &= hostName(setting.span(), host, "`" + path + "` line " + (i + 1) + ": ", seen);
            hosts.add(host);
        }
        if (ok && hosts.isEmpty()) {
            findings.error(setting.span(), "inventory `" + path + "` lists no hosts", "write one host per line");
            return Optional.empty();
        }
        if (!ok) return Optional.empty();
        inventories.put(path, List.copyOf(hosts));
        return Optional.of(hosts);
    }

    /** Percentages resolve to host counts; each wave must move at least one host more than the last. */
    private void resolvedCounts(List<Section> steps, List<String> hosts) {
        Section.Setting previous = null;
        for (Section step : steps) {
            Optional<Section.Setting> weight = step.setting("weight");
            if (weight.isEmpty()) continue;
            Weight w = (Weight) weight.get().value();
            if (previous != null) {
                Weight before = (Weight) previous.value();
                int n = hosts.size();
                // Weights that do not increase, or follow all hosts, are reported by weights() already.
                if (Waves.count(before, n) < n && Waves.count(w, n) <= Waves.count(before, n) && increases(before, w)) {
                    findings.add(findings.error(weight.get().span(), "weight " + w + " moves no host that " + before
                                    + " has not already moved: both resolve to " + Waves.count(w, n) + " of " + n + " hosts")
                            .withRelated("the previous weight", previous.span())
                            .withHelp(Waves.rounding(before, n) + "; " + Waves.rounding(w, n)
                                    + "; raise this weight or drop the previous step"));
                }
            }
            previous = weight.get();
        }
    }

    /** Nomad's rule: a host needs time to become healthy, so the deadline must outlast the healthy time it waits for. */
    private void healthTiming(Section canary) {
        // A value of the wrong type was reported where it was read; there is nothing to compare then.
        Optional<Duration> healthyForValue = canary.value("healthy_for");
        Optional<Duration> deadlineValue = canary.value("healthy_deadline");
        if (healthyForValue.isEmpty() || deadlineValue.isEmpty()) return;
        Duration healthyFor = healthyForValue.get();
        Duration deadline = deadlineValue.get();
        if (deadline.compareTo(healthyFor) <= 0) {
            Span at = canary.setting("healthy_deadline").or(() -> canary.setting("healthy_for")).orElseThrow().span();
            findings.add(findings.error(at, "`healthy_deadline` (" + text(deadline) + ") is not longer than the `healthy_for` ("
                            + text(healthyFor) + ") it guards")
                    .withHelp("a host must stay healthy for `healthy_for` within the deadline, plus the time it takes to start; "
                            + "make `healthy_deadline` several times longer"));
        }
    }

    /** The rollout switches {@code /opt/<project>/<service>/current}; a service that runs anything else would never change. */
    private void releaseLayout(String project, Section service, Section canary) {
        Optional<Section.Setting> exec = service.setting("exec");
        if (exec.isEmpty()) return;
        List<?> argv = (List<?>) exec.get().value();
        String binary = "/opt/" + project + "/" + service.label() + "/current/bin/" + service.label();
        if (!argv.isEmpty() && !String.valueOf(argv.get(0)).equals(binary)) {
            findings.add(findings.error(exec.get().span(), "the canary rolls out `" + binary + "`, but `exec` runs `" + argv.get(0) + "`")
                    .withRelated("the canary is here", canary.span())
                    .withHelp("run the release's binary: `exec = [\"" + binary + "\", …]`"));
        }
    }

    private static String text(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toSeconds() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }

    private void stepShape(Section step) {
        long actions = step.children("check").isEmpty() ? 0 : 1;
        for (String k : STEP_ACTIONS) {
            if (step.setting(k).isPresent() || step.broken().contains(k)) actions++;
        }
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
                Optional<Section.Setting> s = check.setting(k);
                if (s.isPresent()) findings.error(s.get().attribute().nameSpan(), "`" + k + "` only applies to `query` checks", null);
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

    private void weights(Section canary, List<Section> steps, Optional<List<String>> hosts) {
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
            if (w instanceof Weight.Hosts h && hosts.isPresent() && h.count() > hosts.get().size()) {
                findings.error(weight.get().span(), "weight " + w + " is more than the " + hosts.get().size() + " hosts listed", null);
            }
            if (all != null) {
                findings.add(findings.error(weight.get().span(), "no weight can follow one that covers every host")
                        .withRelated("every host is covered here", all.span()).withHelp("all hosts must be the last weight"));
            } else if (previous != null && !increases((Weight) previous.value(), w)) {
                findings.add(findings.error(weight.get().span(), "weight " + w + " does not increase on " + previous.value())
                        .withRelated("the previous weight", previous.span()).withHelp("weights are cumulative and must strictly increase"));
            }
            if (coversAll(w, hosts) && all == null) all = weight.get();
            previous = weight.get();
        }
        if (previous != null && all == null) {
            findings.error(previous.span(), "the rollout never reaches every host",
                    "end with `step { weight = 100% }`");
        } else if (previous == null && !steps.isEmpty() && !anyBrokenWeight(steps)) {
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

    private static boolean coversAll(Weight w, Optional<List<String>> hosts) {
        return w instanceof Weight.Percent p ? p.isAll()
                : hosts.isPresent() && ((Weight.Hosts) w).count() >= hosts.get().size();
    }

    private static boolean anyBrokenWeight(List<Section> steps) {
        for (Section s : steps) {
            if (s.broken().contains("weight")) return true;
        }
        return false;
    }
}
