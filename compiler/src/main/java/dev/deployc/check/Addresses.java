package dev.deployc.check;

import dev.deployc.model.ListenAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses listen addresses the way systemd's {@code ListenStream=} does; host names are rejected. */
final class Addresses {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    record Parsed(Optional<ListenAddress> address, String problem, String help) {
        static Parsed ok(ListenAddress a) {
            return new Parsed(Optional.of(a), null, null);
        }

        static Parsed bad(String problem, String help) {
            return new Parsed(Optional.empty(), problem, help);
        }
    }

    private Addresses() {}

    static Parsed parse(String text) {
        if (text.startsWith("/")) {
            Optional<String> problem = TextRules.absolutePath(text);
            if (problem.isPresent()) return Parsed.bad("the socket path " + problem.get(), null);
            return text.length() > 107 ? Parsed.bad("a unix socket path is at most 107 bytes", null)
                    : Parsed.ok(new ListenAddress.Unix(text));
        }
        if (text.startsWith("@")) {
            return text.length() > 1 && TextRules.unitSafe(text).isEmpty() && !text.contains(" ")
                    ? Parsed.ok(new ListenAddress.Unix(text)) : Parsed.bad("is not a valid abstract socket name", null);
        }
        if (asciiDigits(text) && !text.isEmpty()) {
            Optional<Integer> port = port(text);
            return port.isPresent() ? Parsed.ok(new ListenAddress.AnyHost(port.get())) : badPort();
        }
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) return Parsed.bad("is not `[ipv6]:port`", "write it as \"[::1]:8080\"");
            String ip = text.substring(1, close);
            if (!isIpv6(ip)) return Parsed.bad("`" + ip + "` is not an IPv6 address", null);
            Optional<Integer> port = port(text.substring(close + 2));
            return port.isPresent() ? Parsed.ok(new ListenAddress.Ipv6(ip.toLowerCase(), port.get())) : badPort();
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return Parsed.bad("has no port", "write a port (8080), \"ip:port\", \"[ipv6]:port\" or an absolute unix socket path");
        }
        String host = text.substring(0, colon);
        if (host.contains(":")) {
            return Parsed.bad("an IPv6 address needs brackets", "write it as \"[" + host + "]:" + text.substring(colon + 1) + "\"");
        }
        if (host.matches("[0-9.]+") && !IPV4.matcher(host).matches()) {
            return Parsed.bad("`" + host + "` is not a valid IPv4 address", null);
        }
        if (!IPV4.matcher(host).matches()) {
            String hint = host.equals("localhost") ? "127.0.0.1" : "an IP address";
            return Parsed.bad("`" + host + "` is a host name, and systemd only listens on IP addresses",
                    "write " + (host.equals("localhost") ? "\"127.0.0.1:" + text.substring(colon + 1) + "\"" : hint) + " instead");
        }
        Optional<Integer> port = port(text.substring(colon + 1));
        return port.isPresent() ? Parsed.ok(new ListenAddress.Ipv4(host, port.get())) : badPort();
    }

    /** ASCII digits only: Character.isDigit and Integer.parseInt also take other scripts' digits, which systemd does not. */
    private static boolean asciiDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') return false;
        }
        return true;
    }

    static Optional<Integer> port(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !asciiDigits(digits)) {
            return Optional.empty();
        }
        int p = Integer.parseInt(digits);
        return p >= 1 && p <= 65535 ? Optional.of(p) : Optional.empty();
    }

    private static Parsed badPort() {
        return Parsed.bad("has a port that is not a number from 1 to 65535", null);
    }

    static boolean isIpv6(String s) {
        if (s.isEmpty() || s.length() > 45) return false;
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) return false;
        String[] halves = doubleColon >= 0 ? new String[] {s.substring(0, doubleColon), s.substring(doubleColon + 2)} : new String[] {s};
        int groups = 0;
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) continue;
            String[] parts = halves[h].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                boolean last = h == halves.length - 1 && i == parts.length - 1;
                if (last && IPV4.matcher(parts[i]).matches()) {
                    groups += 2;
                } else if (HEX_GROUP.matcher(parts[i]).matches()) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return doubleColon >= 0 ? groups <= 7 : groups == 8;
    }
}
