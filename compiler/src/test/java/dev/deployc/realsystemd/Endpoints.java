package dev.deployc.realsystemd;

import java.util.ArrayList;
import java.util.List;

/** Where a client inside the container reaches each Listen*= address of a socket unit. */
final class Endpoints {

    record Endpoint(String network, String address) {
        @Override
        public String toString() {
            return network + " " + address;
        }
    }

    private Endpoints() {}

    static List<Endpoint> of(Unit socket) {
        List<Endpoint> out = new ArrayList<>();
        for (String v : socket.all("Socket.ListenStream")) out.add(endpoint("tcp", "unix", v));
        for (String v : socket.all("Socket.ListenDatagram")) out.add(endpoint("udp", "unixgram", v));
        for (String v : socket.all("Socket.ListenSequentialPacket")) out.add(endpoint("unixpacket", "unixpacket", v));
        return out;
    }

    private static Endpoint endpoint(String inet, String unix, String value) {
        if (value.startsWith("/") || value.startsWith("@")) return new Endpoint(unix, value);
        if (value.matches("\\d+")) return new Endpoint(inet, "127.0.0.1:" + value);
        if (value.startsWith("[::]:")) return new Endpoint(inet, "[::1]:" + value.substring(5));
        if (value.startsWith("0.0.0.0:")) return new Endpoint(inet, "127.0.0.1:" + value.substring(8));
        return new Endpoint(inet, value);
    }
}
