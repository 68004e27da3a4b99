package dev.deployc.check;

import dev.deployc.diag.Span;
import dev.deployc.model.ListenAddress;
import dev.deployc.model.UnitNames;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Rules within one service: settings that only make sense together. */
final class ServiceRules {

    private final Findings findings;

    ServiceRules(Findings findings) {
        this.findings = findings;
    }

    void check(String project, Section service) {
        unitNames(project, service);
        watchdog(service);
        oneshot(service);
        Optional<Section> limits = service.child("limits");
        if (limits.isPresent()) memoryOrder(limits.get());
        privilegedPorts(service);
        capabilitiesNeedHostUsers(service);
        sockets(service);
        Optional<Section> health = service.child("health");
        if (health.isPresent()) health(health.get());
    }

    private void unitNames(String project, Section service) {
        String base = UnitNames.base(project, service.label());
        List<String> names = new java.util.ArrayList<>(List.of(UnitNames.service(base, true)));
        for (Section socket : service.children("socket")) {
            names.add(UnitNames.socket(base, socket.label()));
        }
        for (String name : names) {
            Optional<String> problem = TextRules.unitName(name);
            if (problem.isPresent()) {
                findings.error(service.span(), "the unit name `" + name + "` " + problem.get(), "use shorter project, service and socket names");
            }
        }
    }

    private void watchdog(Section service) {
        Optional<Section.Setting> watchdog = service.setting("watchdog");
        Optional<String> type = service.value("type");
        if (watchdog.isPresent() && type.isPresent() && !type.get().equals("notify")
                && !((Duration) watchdog.get().value()).isZero()) {
            findings.error(watchdog.get().span(), "`watchdog` needs `type = notify`",
                    "the service pings the watchdog through sd_notify, which systemd only listens to with `type = notify`");
        }
    }

    private void oneshot(Section service) {
        if (!service.value("type").equals(Optional.of("oneshot"))) return;
        Optional<Section> restart = service.child("restart");
        Optional<Section.Setting> policy = restart.isPresent() ? restart.get().setting("policy") : Optional.empty();
        if (policy.isEmpty()) return;
        Object p = policy.get().value();
        if (!p.equals("no") && !p.equals("on-failure") && !p.equals("on-abnormal") && !p.equals("on-abort") && !p.equals("on-watchdog")) {
            findings.error(policy.get().span(), "a `type = oneshot` service cannot restart `" + p + "`", "use `policy = on-failure`, or `no`");
        }
    }

    private void memoryOrder(Section limits) {
        List<String> present = new java.util.ArrayList<>();
        for (String key : List.of("memory_low", "memory_high", "memory")) {
            if (limits.setting(key).isPresent()) present.add(key);
        }
        for (int i = 0; i + 1 < present.size(); i++) {
            Section.Setting lower = limits.setting(present.get(i)).orElseThrow();
            Section.Setting upper = limits.setting(present.get(i + 1)).orElseThrow();
            if ((Long) lower.value() > (Long) upper.value()) {
                findings.add(findings.error(lower.span(), "`" + lower.name() + "` is larger than `" + upper.name() + "`")
                        .withRelated("`" + upper.name() + "` is set here", upper.span())
                        .withHelp("memory limits must satisfy memory_low ≤ memory_high ≤ memory"));
            }
        }
    }

    private void privilegedPorts(Section service) {
        Optional<Section.Setting> ports = service.setting("ports");
        Object caps = service.value("capabilities").orElse(List.of());
        if (ports.isEmpty() || caps.equals("unrestricted") || ((List<?>) caps).contains("CAP_NET_BIND_SERVICE")) return;
        @SuppressWarnings("unchecked")
        List<Integer> list = (List<Integer>) ports.get().value();
        dev.deployc.syntax.Ast.Value written = ports.get().attribute().value();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) >= 1024) continue;
            findings.error(written instanceof dev.deployc.syntax.Ast.ListOf l ? l.items().get(i).span() : written.span(),
                    "port " + list.get(i) + " is privileged, and the service has no capability to bind it",
                    "listen through a `socket { listen = " + list.get(i) + " }` block (socket activation needs no privileges), "
                            + "or add `capabilities = [\"CAP_NET_BIND_SERVICE\"]`");
            return;
        }
    }

    /** In a private user namespace a capability applies only there, never to the host's ports or files. */
    private void capabilitiesNeedHostUsers(Section service) {
        Optional<Section.Setting> caps = service.setting("capabilities");
        if (caps.isEmpty() || caps.get().value() instanceof List<?> l && l.isEmpty()) return;
        Optional<Section> hardening = service.child("hardening");
        boolean privateUsers = hardening.isEmpty() || hardening.get().<Boolean>valueOr("private_users", true);
        if (privateUsers) {
            findings.error(caps.get().attribute().nameSpan(), "`capabilities` have no effect with `private_users` on",
                    "add `hardening { private_users = false }`: in a private user namespace a capability does not reach the host");
        }
    }

    private void sockets(Section service) {
        List<Section> sockets = service.children("socket");
        for (Section socket : sockets) {
            Optional<Section.Setting> accept = socket.setting("accept");
            if (accept.isEmpty() || !Boolean.TRUE.equals(accept.get().value())) continue;
            if (!socket.label().isEmpty() || sockets.size() > 1) {
                findings.error(accept.get().span(), "`accept = true` needs the service's only socket, without a name",
                        "systemd starts one service instance per connection from `<service>.socket`; "
                                + "move the other listeners to another service");
            }
            if (socket.value("type").equals(Optional.of("datagram"))) {
                findings.error(accept.get().span(), "`accept = true` only works with `type = stream`", null);
            }
        }
        for (Section socket : sockets) {
            Optional<Section.Setting> mode = socket.setting("socket_mode");
            if (mode.isPresent() && !anyUnix(socket.valueOr("listen", List.of()))) {
                findings.error(mode.get().span(), "`socket_mode` only applies to unix sockets", null);
            }
        }
    }

    private static boolean anyUnix(List<ListenAddress> listen) {
        for (ListenAddress a : listen) {
            if (a instanceof ListenAddress.Unix) return true;
        }
        return false;
    }

    private void health(Section health) {
        List<Section.Setting> probes = new java.util.ArrayList<>();
        boolean brokenProbe = false;
        for (String key : List.of("http", "tcp", "command")) {
            Optional<Section.Setting> probe = health.setting(key);
            if (probe.isPresent()) probes.add(probe.get());
            brokenProbe |= health.broken().contains(key);
        }
        if (probes.isEmpty() && !brokenProbe) {
            findings.error(health.span(), "`health` needs one of `http`, `tcp` or `command`",
                    "for example `http = \"http://127.0.0.1:8080/healthz\"`");
        } else if (probes.size() > 1) {
            findings.add(findings.error(probes.get(1).attribute().nameSpan(),
                            "`health` takes one probe, but has `" + probes.get(0).name() + "` and `" + probes.get(1).name() + "`")
                    .withRelated("first probe here", probes.get(0).attribute().nameSpan()));
        }
        Optional<Duration> interval = health.value("interval");
        Optional<Duration> timeout = health.value("timeout");
        if (interval.isPresent() && timeout.isPresent() && timeout.get().compareTo(interval.get()) > 0) {
            Optional<Section.Setting> shown = health.setting("timeout");
            if (shown.isEmpty()) shown = health.setting("interval");
            Span at = shown.isPresent() ? shown.get().span() : health.span();
            findings.error(at, "the health `timeout` is longer than its `interval`",
                    "a probe must finish before the next one starts");
        }
    }
}
