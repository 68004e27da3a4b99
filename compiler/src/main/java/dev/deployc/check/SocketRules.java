package dev.deployc.check;

import dev.deployc.diag.Span;
import dev.deployc.model.ListenAddress;
import dev.deployc.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** No two listeners of a spec may claim the same address. */
final class SocketRules {

    private record Claim(String owner, boolean datagram, ListenAddress address, Span span) {}

    private final Findings findings;

    SocketRules(Findings findings) {
        this.findings = findings;
    }

    void check(List<Section> services) {
        List<Claim> claims = new ArrayList<>();
        for (Section service : services) {
            for (Section socket : service.children("socket")) {
                boolean datagram = socket.value("type").equals(Optional.of("datagram"));
                String owner = "service `" + service.label() + "`" + (socket.label().isEmpty() ? "" : " socket `" + socket.label() + "`");
                Optional<Section.Setting> listen = socket.setting("listen");
                if (listen.isPresent()) add(claims, owner, datagram, listen.get());
            }
            Optional<Section.Setting> ports = service.setting("ports");
            if (ports.isPresent()) add(claims, "service `" + service.label() + "` (`ports`)", false, ports.get());
        }
        for (int i = 0; i < claims.size(); i++) {
            for (int j = 0; j < i; j++) {
                Claim a = claims.get(j);
                Claim b = claims.get(i);
                if (clash(a, b)) {
                    findings.add(findings.error(b.span(), "`" + b.address().unitValue() + "` is already taken by " + a.owner())
                            .withRelated("first claimed here", a.span())
                            .withHelp("two sockets cannot listen on the same address and port"));
                    break;
                }
            }
        }
    }

    private static void add(List<Claim> claims, String owner, boolean datagram, Section.Setting setting) {
        List<?> addresses = (List<?>) setting.value();
        Ast.Value v = setting.attribute().value();
        for (int i = 0; i < addresses.size(); i++) {
            Span span = v instanceof Ast.ListOf l ? l.items().get(i).span() : v.span();
            Object address = addresses.get(i);
            claims.add(new Claim(owner, datagram, address instanceof Integer p ? new ListenAddress.AnyHost(p) : (ListenAddress) address, span));
        }
    }

    private static boolean clash(Claim a, Claim b) {
        if (a.address() instanceof ListenAddress.Unix ua) {
            return b.address() instanceof ListenAddress.Unix ub && ua.path().equals(ub.path());
        }
        if (b.address() instanceof ListenAddress.Unix || a.datagram() != b.datagram()) return false;
        if (port(a.address()) != port(b.address())) return false;
        if (a.address() instanceof ListenAddress.AnyHost || b.address() instanceof ListenAddress.AnyHost) return true;
        if (a.address().getClass() != b.address().getClass()) return false;
        String hostA = host(a.address());
        String hostB = host(b.address());
        return hostA.equals(hostB) || isWildcard(hostA) || isWildcard(hostB);
    }

    private static int port(ListenAddress a) {
        if (a instanceof ListenAddress.AnyHost h) return h.port();
        if (a instanceof ListenAddress.Ipv4 v4) return v4.port();
        return ((ListenAddress.Ipv6) a).port();
    }

    private static String host(ListenAddress a) {
        return a instanceof ListenAddress.Ipv4 v4 ? v4.address() : ((ListenAddress.Ipv6) a).address();
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.matches("0*:0*:0*:0*:0*:0*:0*:0*");
    }
}
