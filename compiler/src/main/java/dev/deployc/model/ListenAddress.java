package dev.deployc.model;

/** One address a socket listens on, in a form systemd accepts (never a host name). */
public sealed interface ListenAddress {

    /** How systemd writes it in {@code ListenStream=}. */
    String unitValue();

    /** Any address on this port, both IPv4 and IPv6. */
    record AnyHost(int port) implements ListenAddress {
        public String unitValue() {
            return Integer.toString(port);
        }
    }

    record Ipv4(String address, int port) implements ListenAddress {
        public String unitValue() {
            return address + ":" + port;
        }
    }

    record Ipv6(String address, int port) implements ListenAddress {
        public String unitValue() {
            return "[" + address + "]:" + port;
        }
    }

    /** A file-system unix socket ({@code /run/x.sock}) or an abstract one ({@code @name}). */
    record Unix(String path) implements ListenAddress {
        public String unitValue() {
            return path;
        }
    }
}
