package dev.deployc.model;

import java.util.List;

/**
 * A socket systemd listens on for a service. {@code label} is empty for the service's main socket.
 */
public record Socket(
        String label, String unitName, boolean datagram, List<ListenAddress> listen, boolean accept,
        List<MappedSetting> unitSettings, boolean partOf, List<List<String>> raw, java.util.Optional<String> description) {

    public Socket {
        listen = List.copyOf(listen);
        unitSettings = List.copyOf(unitSettings);
        raw = List.copyOf(raw);
    }
}
