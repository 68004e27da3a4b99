package dev.deployc.schema;

import static dev.deployc.schema.Row.key;
import static dev.deployc.schema.ValueType.*;

import java.util.List;

/** The schema rows of a service's `image` and `canary` blocks. */
final class RolloutKeys {

    static final List<KeyDef> KEYS = List.of(
            // image
            key("service.image", "flavour", ENUM).choices("distroless", "scratch", "alpine").byDefault("distroless")
                    .doc("The final image's base.").example("flavour = scratch"),
            key("service.image", "expose", PORTS).doc("Ports to EXPOSE besides the service's sockets.")
                    .example("expose = [9100]"),
            key("service.image", "timezones", BOOL).byDefault("false")
                    .doc("Embed time-zone data in the binary (`-tags timetzdata`).").example("timezones = true"),
            key("service.image", "packages", STRINGS).doc("Pinned alpine packages, `name=version`.")
                    .example("packages = [\"busybox=1.36.1-r29\"]"),
            // canary
            key("service.canary", "hosts", STRINGS).doc("The hosts to roll over, in order.")
                    .example("hosts = [\"web-1\", \"web-2\", \"web-3\"]"),
            key("service.canary", "inventory", STRING)
                    .doc("A file, relative to the spec, listing the hosts one per line (`#` starts a comment); read at compile time.")
                    .example("inventory = \"hosts/prod.txt\""),
            key("service.canary", "parallel", INTEGER).min(1).max(1000).byDefault("1")
                    .doc("Hosts switched at once within a wave.").example("parallel = 2"),
            key("service.canary", "on_failure", ENUM).choices("rollback", "pause").byDefault("rollback")
                    .doc("What a failed step does.").example("on_failure = rollback"),
            key("service.canary", "healthy_for", DURATION).min(1).byDefault("10s")
                    .doc("How long a switched host must stay healthy (unit active, health probe passing) before its wave is done.")
                    .example("healthy_for = 30s"),
            key("service.canary", "healthy_deadline", DURATION).min(1).byDefault("5m")
                    .doc("How long a switched host may take to become healthy; bake and approval time never count.")
                    .example("healthy_deadline = 5m"),
            key("service.canary", "emit", ENUM).choices("script", "playbook", "both").byDefault("script")
                    .doc("How the rollout is generated: `rollout-<service>.sh` (`script`), an Ansible playbook in "
                            + "`<project>/ansible/` that real Ansible runs (`playbook`), or `both`, from the same plan. "
                            + "See docs/rollout.md for when to use which.")
                    .example("emit = both"),
            key("service.canary", "prometheus", URL).doc("The Prometheus server the `query` checks ask.")
                    .example("prometheus = \"http://127.0.0.1:9090\""),
            key("service.canary.step", "weight", WEIGHT).doc("Move this share of hosts to the new release.")
                    .example("weight = 25%"),
            key("service.canary.step", "bake", DURATION).min(1).doc("Wait this long while health and checks keep running.")
                    .example("bake = 10m"),
            key("service.canary.step", "approve", TEXT).doc("Stop until a person resumes the rollout; the message says what to look at.")
                    .example("approve = \"Check the error dashboard\""),
            key("service.canary.step.check", "http", URL).doc("Passes when this URL answers 2xx.")
                    .example("http = \"http://127.0.0.1:8080/readyz\""),
            key("service.canary.step.check", "query", STRING).doc("A Prometheus query whose result must stay within `min`/`max`.")
                    .example("query = \"sum(rate(http_errors_total[1m]))\""),
            key("service.canary.step.check", "min", NUMBER).doc("Lowest passing value.").example("min = 0.95"),
            key("service.canary.step.check", "max", NUMBER).doc("Highest passing value.").example("max = 0.01"),
            key("service.canary.step.check", "interval", DURATION).min(1).byDefault("1m").doc("Time between measurements.")
                    .example("interval = 30s"),
            key("service.canary.step.check", "count", INTEGER).min(1).max(10000).byDefault("1")
                    .doc("How many measurements the gate takes.").example("count = 5"),
            key("service.canary.step.check", "failures", INTEGER).min(0).max(10000).byDefault("0")
                    .doc("How many measurements may fail; fewer than `count`.").example("failures = 1"),
            key("service.canary.step.check", "no_data", ENUM).choices("fail", "pass", "pause")
                    .doc("What an empty query result means; required for `query`.").example("no_data = pause"));

    private RolloutKeys() {}
}
